package dev.gantry.flags.sdk.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unleash's metrics bucket: how often each flag was on ({@code yes}) and off ({@code no}), and each variant given,
 * between {@code start} and {@code stop}.
 */
record MetricsBucket(Instant start, Instant stop, Map<String, Toggle> toggles) {

    record Toggle(long yes, long no, Map<String, Long> variants) {
        Toggle {
            variants = Map.copyOf(variants);
        }

        Toggle plus(Toggle other) {
            Map<String, Long> sum = new LinkedHashMap<>(variants);
            other.variants.forEach((name, n) -> sum.merge(name, n, Long::sum));
            return new Toggle(yes + other.yes, no + other.no, sum);
        }
    }

    MetricsBucket {
        if (stop.isBefore(start)) {
            throw new IllegalArgumentException("a bucket cannot stop (" + stop + ") before it starts (" + start + ")");
        }
        toggles = Map.copyOf(toggles);
    }

    boolean isEmpty() {
        return toggles.isEmpty();
    }

    /** This bucket and the {@code later} one as one: from this one's start to the later one's stop, counts summed. */
    MetricsBucket merge(MetricsBucket later) {
        Map<String, Toggle> sum = new LinkedHashMap<>(toggles);
        later.toggles.forEach((flag, toggle) -> sum.merge(flag, toggle, Toggle::plus));
        return new MetricsBucket(start, later.stop.isBefore(start) ? start : later.stop, sum);
    }

    /** The {@code bucket} object of Unleash's {@code POST /client/metrics} body. */
    String json() {
        StringBuilder out = new StringBuilder("{\"start\":")
                .append(UnleashHttp.quote(start.toString()))
                .append(",\"stop\":")
                .append(UnleashHttp.quote(stop.toString()))
                .append(",\"toggles\":{");
        String comma = "";
        for (Map.Entry<String, Toggle> flag : toggles.entrySet()) {
            Toggle t = flag.getValue();
            out.append(comma)
                    .append(UnleashHttp.quote(flag.getKey()))
                    .append(":{\"yes\":")
                    .append(t.yes())
                    .append(",\"no\":")
                    .append(t.no())
                    .append(",\"variants\":{");
            String variantComma = "";
            for (Map.Entry<String, Long> variant : t.variants().entrySet()) {
                out.append(variantComma)
                        .append(UnleashHttp.quote(variant.getKey()))
                        .append(':')
                        .append(variant.getValue());
                variantComma = ",";
            }
            out.append("}}");
            comma = ",";
        }
        return out.append("}}").toString();
    }
}
