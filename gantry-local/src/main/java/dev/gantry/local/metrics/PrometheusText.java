package dev.gantry.local.metrics;

import java.util.List;

/**
 * Renders the proxy's totals in the Prometheus text exposition format (version 0.0.4), so a Prometheus server or a
 * {@code prometheus} metric source can read the local rollout like any other service.
 */
public final class PrometheusText {

    /** The content type Prometheus expects for this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    public static String render(List<SeriesTotals> totals, int weight) {
        StringBuilder out = new StringBuilder(2048);
        family(out, "gantry_proxy_requests_total", "counter", "Requests the proxy answered, by version and track.");
        for (SeriesTotals s : totals) sample(out, "gantry_proxy_requests_total", labels(s, null), s.requests());
        family(
                out,
                "gantry_proxy_errors_total",
                "counter",
                "Requests answered with a 5xx status, the proxy's own 502 and 504 included.");
        for (SeriesTotals s : totals) sample(out, "gantry_proxy_errors_total", labels(s, null), s.errors());
        String duration = "gantry_proxy_request_duration_seconds";
        family(out, duration, "histogram", "Time from a request reaching the proxy to its answer from the backend.");
        for (SeriesTotals s : totals) {
            for (SeriesTotals.Bucket b : s.buckets()) {
                sample(out, duration + "_bucket", labels(s, le(b.le())), b.count());
            }
            out.append(duration).append("_sum").append(labels(s, null)).append(' ');
            out.append(s.sumSeconds()).append('\n');
            sample(out, duration + "_count", labels(s, null), s.count());
        }
        family(out, "gantry_proxy_weight", "gauge", "Percent of the traffic the proxy sends to the canary.");
        sample(out, "gantry_proxy_weight", "", weight);
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static String labels(SeriesTotals s, String le) {
        String text =
                "{version=\"" + escaped(s.version()) + "\",track=\"" + s.track().label() + "\"";
        return le == null ? text + "}" : text + ",le=\"" + le + "\"}";
    }

    private static String le(double bound) {
        if (Double.isInfinite(bound)) return "+Inf";
        return Double.toString(bound);
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
