/**
 * What the local proxy measures per version and track: requests, 5xx answers (its own 502 and 504 included) and
 * latency in an HdrHistogram (microseconds, three significant digits), recorded lock-free on the event loops.
 *
 * <p>Two readers: the watch window calls {@link dev.gantry.local.metrics.ProxyMetrics#snapshot()} once per sample
 * and gets a {@link dev.gantry.local.metrics.MetricsWindow} with, per version, requests, errors, error rate, rps
 * and p50/p95/p99 in seconds for the interval since the previous snapshot; Prometheus scrapes {@code GET /metrics}
 * on the proxy's admin port, rendered by {@link dev.gantry.local.metrics.PrometheusText}:
 *
 * <pre>
 * gantry_proxy_requests_total{version="1.1.0",track="canary"} 1200
 * gantry_proxy_errors_total{version="1.1.0",track="canary"} 96
 * gantry_proxy_request_duration_seconds_bucket{version="1.1.0",track="canary",le="0.05"} 1100
 * gantry_proxy_request_duration_seconds_sum{version="1.1.0",track="canary"} 31.5
 * gantry_proxy_request_duration_seconds_count{version="1.1.0",track="canary"} 1200
 * gantry_proxy_weight 10
 * </pre>
 *
 * <p>The latency is a histogram rather than a summary so that PromQL can take quantiles over any range, for
 * instance {@code histogram_quantile(0.99, rate(gantry_proxy_request_duration_seconds_bucket{track="canary"}[1m]))}.
 * An interval in which a version served nothing has no error rate and no latencies, never zeroes.
 */
package dev.gantry.local.metrics;
