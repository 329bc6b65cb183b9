package dev.gantry.local.metrics;

import dev.gantry.local.Track;
import java.util.OptionalDouble;

/**
 * What one version on one track did in one interval. An interval without requests has no error rate and no
 * latencies: an idle version is not a healthy one.
 *
 * @param requests requests answered in the interval, the proxy's own 502 and 504 answers included
 * @param errors the 5xx answers among them
 * @param rps requests per second over the whole interval
 * @param p50 median latency in seconds, as the proxy saw it (from the request to the backend's answer)
 * @param totalRequests requests answered since the proxy started
 * @param totalErrors 5xx answers since the proxy started
 */
public record VersionWindow(
        Track track,
        String version,
        long requests,
        long errors,
        OptionalDouble errorRate,
        double rps,
        OptionalDouble p50,
        OptionalDouble p95,
        OptionalDouble p99,
        long totalRequests,
        long totalErrors) {

    public VersionWindow {
        if (track == null || version == null) throw new IllegalArgumentException("track and version are required");
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException("expected 0 <= errors <= requests, got " + errors + " of " + requests);
        }
    }
}
