package dev.gantry.local.analysis;

import dev.gantry.analysis.MetricContext;
import dev.gantry.analysis.MetricSource;
import dev.gantry.analysis.Reading;
import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.local.metrics.VersionWindow;
import dev.gantry.local.proxy.HostPort;
import dev.gantry.local.proxy.Pool;
import dev.gantry.local.proxy.ProxyException;
import dev.gantry.local.proxy.ProxyState;
import dev.gantry.local.proxy.RunningProxy;
import dev.gantry.local.rollout.EnvironmentFiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * What the local target's proxy measured, per version. See the package documentation for the queries and which
 * version a query without a selector reads.
 */
@Doc("The numbers the local target's proxy measures per version: error_rate, rps, requests, p50_latency,"
        + " p95_latency, p99_latency and health, each optionally for one version as in"
        + " error_rate{version=\"{version}\"}")
public record LocalSource(
        @Doc("The environment's folder, as the local target's dir; .gantry/local/{environment} by default") String dir)
        implements MetricSource {

    public LocalSource {
        dir = dir == null ? EnvironmentFiles.DEFAULT_DIR : dir;
        if (dir.isBlank()) throw new InvalidValue("dir", "expected a folder such as .gantry/local/{environment}");
    }

    /** The interval that ends at {@code at}: cut once for all the queries of that instant. */
    @Override
    public Reading instant(String query, Instant at, MetricContext context) {
        return read(query, at, context, true);
    }

    /** The proxy keeps no history: the interval running now, not cut, as one reading at {@code to}. */
    @Override
    public List<Reading> range(String query, Instant from, Instant to, Duration step, MetricContext context) {
        return List.of(read(query, to, context, false));
    }

    private Reading read(String text, Instant at, MetricContext context, boolean cut) {
        LocalQuery query;
        try {
            query = LocalQuery.parse(context.expand(text));
        } catch (IllegalArgumentException e) {
            return Reading.missing(at, "local query: " + e.getMessage());
        }
        EnvironmentFiles files = EnvironmentFiles.of(context.root(), dir, context.environment());
        try {
            Optional<RunningProxy> proxy = RunningProxy.read(files.proxyState());
            if (proxy.isEmpty()) {
                return Reading.missing(
                        at, "no local proxy runs for " + context.environment() + ": no " + files.proxyState());
            }
            if (proxy.get().process().isEmpty()) {
                return Reading.missing(
                        at,
                        "the local proxy of " + context.environment() + " (pid "
                                + proxy.get().pid() + ") has ended");
            }
            ProxySample sample = cut ? ProxySamples.at(proxy.get(), at) : ProxySamples.peek(proxy.get());
            String version = query.version().orElseGet(() -> favoured(sample.routing()));
            if (query.metric().equals("health")) return health(version, sample.routing(), files, at);
            return traffic(query.metric(), version, sample, at);
        } catch (IOException | ProxyException e) {
            return Reading.missing(at, e.getMessage());
        }
    }

    /** The canary while it has traffic, else the stable version. */
    private static String favoured(ProxyState routing) {
        return routing.weight() > 0 && !routing.canary().instances().isEmpty()
                ? routing.canary().version()
                : routing.stable().version();
    }

    private static Reading traffic(String metric, String version, ProxySample sample, Instant at) {
        List<VersionWindow> served = sample.window().versions().stream()
                .filter(v -> v.version().equals(version) && v.requests() > 0)
                .toList();
        long requests = served.stream().mapToLong(VersionWindow::requests).sum();
        // An idle version is not a healthy one: no requests is no reading, never a pass.
        if (requests == 0) return Reading.missing(at, "no requests to " + version + " in the last interval");
        long errors = served.stream().mapToLong(VersionWindow::errors).sum();
        // A version that changed tracks in the interval has two histograms: the busier one speaks for it.
        VersionWindow busiest = served.stream()
                .max(Comparator.comparingLong(VersionWindow::requests))
                .orElseThrow();
        return switch (metric) {
            case "error_rate" -> Reading.of(at, (double) errors / requests);
            case "rps" ->
                Reading.of(at, served.stream().mapToDouble(VersionWindow::rps).sum());
            case "requests" -> Reading.of(at, requests);
            case "p50_latency" -> latency(busiest.p50(), version, at);
            case "p95_latency" -> latency(busiest.p95(), version, at);
            default -> latency(busiest.p99(), version, at);
        };
    }

    private static Reading latency(OptionalDouble seconds, String version, Instant at) {
        return seconds.isPresent()
                ? Reading.of(at, seconds.getAsDouble())
                : Reading.missing(at, "no latencies of " + version + " in the last interval");
    }

    /** The share of the version's instances behind the proxy that answer 200 on the health path now. */
    private static Reading health(String version, ProxyState routing, EnvironmentFiles files, Instant at)
            throws IOException {
        List<HostPort> instances = Stream.of(routing.stable(), routing.canary())
                .filter(pool -> pool.version().equals(version))
                .map(Pool::instances)
                .flatMap(List::stream)
                .distinct()
                .toList();
        if (instances.isEmpty()) return Reading.missing(at, "no instance of " + version + " behind the local proxy");
        long healthy = HealthCheck.answering(instances, files.healthPath());
        return Reading.of(at, (double) healthy / instances.size());
    }

    @Override
    public String describe() {
        return "the local proxy's numbers per version, from " + dir;
    }
}
