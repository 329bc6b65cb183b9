package dev.gantry.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.local.Track;
import dev.gantry.local.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void rendersParseableFamiliesWithHelpAndType() {
        ProxyMetrics metrics = new ProxyMetrics(new MutableClock(Instant.parse("2025-03-07T14:00:00Z")));
        metrics.of(Track.STABLE, "1.0.0").record(200, 4_000_000);
        metrics.of(Track.CANARY, "1.1.0\"beta").record(502, 20_000_000);

        String text = PrometheusText.render(metrics.totals(), 25);
        PrometheusParse parsed = PrometheusParse.of(text);

        assertThat(parsed.types())
                .containsEntry("gantry_proxy_requests_total", "counter")
                .containsEntry("gantry_proxy_errors_total", "counter")
                .containsEntry("gantry_proxy_request_duration_seconds", "histogram")
                .containsEntry("gantry_proxy_weight", "gauge");
        assertThat(parsed.value("gantry_proxy_requests_total{version=\"1.0.0\",track=\"stable\"}"))
                .isEqualTo(1);
        assertThat(parsed.value("gantry_proxy_errors_total{version=\"1.1.0\\\"beta\",track=\"canary\"}"))
                .isEqualTo(1);
        assertThat(
                        parsed.value(
                                "gantry_proxy_request_duration_seconds_bucket{version=\"1.0.0\",track=\"stable\",le=\"0.005\"}"))
                .isEqualTo(1);
        assertThat(
                        parsed.value(
                                "gantry_proxy_request_duration_seconds_bucket{version=\"1.1.0\\\"beta\",track=\"canary\",le=\"0.01\"}"))
                .isEqualTo(0);
        assertThat(parsed.value("gantry_proxy_request_duration_seconds_count{version=\"1.0.0\",track=\"stable\"}"))
                .isEqualTo(1);
        assertThat(parsed.value("gantry_proxy_weight")).isEqualTo(25);
    }
}
