package dev.gantry.local.metrics;

import dev.gantry.local.Track;
import java.util.List;

/**
 * The cumulative numbers of one version on one track since the proxy started, as Prometheus scrapes them.
 *
 * @param buckets how many latencies were at or under each bound, bounds ascending, the last one infinite
 */
public record SeriesTotals(
        Track track, String version, long requests, long errors, double sumSeconds, long count, List<Bucket> buckets) {

    /** How many latencies were at most {@code le} seconds. */
    public record Bucket(double le, long count) {}

    public SeriesTotals {
        buckets = List.copyOf(buckets);
    }
}
