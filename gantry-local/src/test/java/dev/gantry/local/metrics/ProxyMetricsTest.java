package dev.gantry.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.local.Track;
import dev.gantry.local.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-07T14:00:00Z"));
    private final ProxyMetrics metrics = new ProxyMetrics(clock);

    @Test
    void percentilesOfKnownLatenciesAreExactToOnePercent() {
        VersionMetrics canary = metrics.of(Track.CANARY, "1.1.0");
        for (int ms = 1; ms <= 100; ms++) canary.record(200, TimeUnit.MILLISECONDS.toNanos(ms));
        clock.advance(Duration.ofSeconds(10));

        VersionWindow window = metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow();

        assertThat(window.requests()).isEqualTo(100);
        assertThat(window.rps()).isEqualTo(10.0);
        assertThat(window.p50().getAsDouble()).isCloseTo(0.050, within(0.0005));
        assertThat(window.p95().getAsDouble()).isCloseTo(0.095, within(0.00095));
        assertThat(window.p99().getAsDouble()).isCloseTo(0.099, within(0.00099));
    }

    @Test
    void aSnapshotStartsTheNextIntervalButTotalsKeepCounting() {
        VersionMetrics stable = metrics.of(Track.STABLE, "1.0.0");
        for (int i = 0; i < 50; i++) stable.record(i % 10 == 0 ? 503 : 200, 1_000_000);
        clock.advance(Duration.ofSeconds(5));
        VersionWindow first = metrics.snapshot().of(Track.STABLE, "1.0.0").orElseThrow();
        assertThat(first.requests()).isEqualTo(50);
        assertThat(first.errors()).isEqualTo(5);
        assertThat(first.errorRate().getAsDouble()).isEqualTo(0.1);

        for (int i = 0; i < 20; i++) stable.record(200, 30_000_000);
        clock.advance(Duration.ofSeconds(2));
        VersionWindow second = metrics.snapshot().of(Track.STABLE, "1.0.0").orElseThrow();

        assertThat(second.requests()).isEqualTo(20);
        assertThat(second.errors()).isZero();
        assertThat(second.rps()).isEqualTo(10.0);
        // The fast requests of the first interval are gone from the second's latencies.
        assertThat(second.p50().getAsDouble()).isCloseTo(0.030, within(0.0003));
        assertThat(second.totalRequests()).isEqualTo(70);
        assertThat(second.totalErrors()).isEqualTo(5);

        SeriesTotals totals = metrics.totals().get(0);
        assertThat(totals.requests()).isEqualTo(70);
        assertThat(totals.count()).isEqualTo(70);
        assertThat(totals.sumSeconds()).isCloseTo(50 * 0.001 + 20 * 0.030, within(1e-9));
    }

    @Test
    void peekingLeavesTheIntervalRunning() {
        VersionMetrics canary = metrics.of(Track.CANARY, "1.1.0");
        canary.record(200, 2_000_000);
        assertThat(metrics.peek().of(Track.CANARY, "1.1.0").orElseThrow().requests())
                .isEqualTo(1);
        canary.record(200, 2_000_000);
        assertThat(metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow().requests())
                .isEqualTo(2);
    }

    @Test
    void aRoutedVersionWithoutTrafficHasNoRatesRatherThanZeroes() {
        VersionMetrics canary = metrics.of(Track.CANARY, "1.1.0");
        metrics.serving(Set.of(canary));
        VersionWindow idle = metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow();
        assertThat(idle.requests()).isZero();
        assertThat(idle.errorRate()).isEmpty();
        assertThat(idle.p99()).isEmpty();
    }

    @Test
    void aVersionNoLongerRoutedLeavesTheWindowOnceItsTrafficEnds() {
        VersionMetrics old = metrics.of(Track.CANARY, "1.1.0");
        VersionMetrics next = metrics.of(Track.CANARY, "1.2.0");
        old.record(200, 1_000_000);
        metrics.serving(Set.of(next));
        assertThat(metrics.snapshot().versions())
                .extracting(VersionWindow::version)
                .containsExactly("1.1.0", "1.2.0");
        assertThat(metrics.snapshot().versions())
                .extracting(VersionWindow::version)
                .containsExactly("1.2.0");
    }

    @Test
    void histogramBucketsCountLatenciesAtOrUnderTheirBound() {
        VersionMetrics stable = metrics.of(Track.STABLE, "1.0.0");
        stable.record(200, TimeUnit.MILLISECONDS.toNanos(3));
        stable.record(200, TimeUnit.MILLISECONDS.toNanos(40));
        stable.record(200, TimeUnit.MILLISECONDS.toNanos(700));
        stable.record(200, TimeUnit.SECONDS.toNanos(30));

        SeriesTotals totals = metrics.totals().get(0);

        assertThat(totals.buckets())
                .extracting(SeriesTotals.Bucket::count)
                .containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 2L, 3L, 3L, 3L, 3L, 4L);
    }
}
