package dev.gantry.local.metrics;

import dev.gantry.local.Track;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The proxy's numbers per version and track, read two ways: the watch window takes {@linkplain #snapshot()
 * interval snapshots} (each one starts the next interval), Prometheus scrapes {@linkplain #totals() cumulative
 * totals}. Both drain the same lock-free recorders, so neither reader steals from the other.
 */
public final class ProxyMetrics {

    /** Bucket bounds in seconds for Prometheus, as its client libraries default to, plus the infinite one. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};

    private record Series(Track track, String version) {}

    /** What has been drained from one version's recorder; guarded by the {@link ProxyMetrics} lock. */
    private static final class Drained {
        final VersionMetrics live;
        final Histogram interval = histogram();
        final Histogram total = histogram();
        Histogram recycled;
        long requestsAtMark;
        long errorsAtMark;

        Drained(VersionMetrics live) {
            this.live = live;
        }

        void drain() {
            recycled = live.drain(recycled);
            interval.add(recycled);
            total.add(recycled);
        }
    }

    private final Clock clock;
    private final Map<Series, Drained> series = new LinkedHashMap<>();
    private Set<VersionMetrics> serving = Set.of();
    private Instant intervalStart;

    public ProxyMetrics(Clock clock) {
        this.clock = clock;
        this.intervalStart = clock.instant();
    }

    /** The metrics of {@code version} on {@code track}: the same object for the same pair. */
    public synchronized VersionMetrics of(Track track, String version) {
        return series.computeIfAbsent(new Series(track, version), s -> new Drained(new VersionMetrics(track, version)))
                .live;
    }

    /** The versions the proxy routes to now: they appear in every window, even one where they served nothing. */
    public synchronized void serving(Set<VersionMetrics> now) {
        serving = Set.copyOf(now);
    }

    /** The numbers since the previous snapshot; the next interval starts now. */
    public synchronized MetricsWindow snapshot() {
        MetricsWindow window = peek();
        for (Drained d : series.values()) {
            d.interval.reset();
            d.requestsAtMark = d.live.requests();
            d.errorsAtMark = d.live.errors();
        }
        intervalStart = window.to();
        return window;
    }

    /** The numbers since the previous snapshot, leaving the interval running. */
    public synchronized MetricsWindow peek() {
        Instant now = clock.instant();
        double seconds = Duration.between(intervalStart, now).toNanos() / 1e9;
        List<VersionWindow> versions = new ArrayList<>();
        for (Drained d : series.values()) {
            d.drain();
            long totalRequests = d.live.requests();
            long totalErrors = Math.min(d.live.errors(), totalRequests);
            long requests = totalRequests - d.requestsAtMark;
            long errors = Math.min(requests, totalErrors - d.errorsAtMark);
            if (requests == 0 && !serving.contains(d.live)) continue;
            versions.add(new VersionWindow(
                    d.live.track(),
                    d.live.version(),
                    requests,
                    errors,
                    requests == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) errors / requests),
                    seconds <= 0 ? 0 : requests / seconds,
                    quantile(d.interval, 50),
                    quantile(d.interval, 95),
                    quantile(d.interval, 99),
                    totalRequests,
                    totalErrors));
        }
        return new MetricsWindow(intervalStart, now, versions);
    }

    /** Everything counted since the proxy started, one entry per version and track. */
    public synchronized List<SeriesTotals> totals() {
        List<SeriesTotals> totals = new ArrayList<>();
        for (Drained d : series.values()) {
            d.drain();
            List<SeriesTotals.Bucket> buckets = new ArrayList<>(BOUNDS.length);
            for (double le : BOUNDS) {
                long count = Double.isInfinite(le)
                        ? d.total.getTotalCount()
                        : d.total.getCountBetweenValues(0, Math.round(le * 1e6));
                buckets.add(new SeriesTotals.Bucket(le, count));
            }
            long requests = d.live.requests();
            totals.add(new SeriesTotals(
                    d.live.track(),
                    d.live.version(),
                    requests,
                    Math.min(d.live.errors(), requests),
                    d.live.micros() / 1e6,
                    d.total.getTotalCount(),
                    buckets));
        }
        return totals;
    }

    private static OptionalDouble quantile(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) return OptionalDouble.empty();
        return OptionalDouble.of(histogram.getValueAtPercentile(percentile) / 1e6);
    }

    private static Histogram histogram() {
        return new Histogram(VersionMetrics.HIGHEST_MICROS, VersionMetrics.DIGITS);
    }
}
