package dev.gantry.plan.lint;

import dev.gantry.plan.Threshold.Unit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rollback trigger's metric measures, so a threshold in another unit can be caught: decided from the
 * metric's name, or from the query when the name says nothing. Unknown metrics take any unit.
 */
enum MetricKind {
    /** A share of something, such as error_rate, availability or saturation: a percentage or a plain ratio. */
    RATIO("a ratio", Unit.NUMBER, Unit.PERCENT, Unit.TIMES_BASELINE),
    /** A time, such as p99_latency or request_duration_seconds: milliseconds, seconds or a plain number of seconds. */
    LATENCY("a latency", Unit.NUMBER, Unit.MILLISECONDS, Unit.TIMES_BASELINE),
    /** Events per second, such as rps or throughput: a plain number. */
    THROUGHPUT("a throughput", Unit.NUMBER, Unit.TIMES_BASELINE);

    private static final Pattern LATENCY_NAME =
            Pattern.compile("latency|duration|_seconds|_ms$|response_time|^p\\d+$|^p\\d+_");
    private static final Pattern RATIO_NAME =
            Pattern.compile("error|fail|ratio|rate$|availability|success|saturation|utili[sz]ation|percent|fraction");
    private static final Pattern THROUGHPUT_NAME = Pattern.compile("^rps$|^qps$|per_second|throughput|requests$");
    private static final Pattern LATENCY_QUERY = Pattern.compile("histogram_quantile|_seconds|_duration");

    private final String words;
    private final java.util.Set<Unit> units;

    MetricKind(String words, Unit first, Unit... rest) {
        this.words = words;
        this.units = java.util.EnumSet.of(first, rest);
    }

    String words() {
        return words;
    }

    boolean takes(Unit unit) {
        return units.contains(unit);
    }

    /** The kind the name gives, else the one the query gives; empty when neither says. */
    static Optional<MetricKind> of(String metric, String query) {
        if (metric != null) {
            String name = metric.toLowerCase(Locale.ROOT);
            // Latency first: "p99_latency" and "error_duration_seconds" are times whatever else they name.
            if (LATENCY_NAME.matcher(name).find()) return Optional.of(LATENCY);
            if (THROUGHPUT_NAME.matcher(name).find()) return Optional.of(THROUGHPUT);
            if (RATIO_NAME.matcher(name).find()) return Optional.of(RATIO);
        }
        if (query != null) {
            if (LATENCY_QUERY.matcher(query).find()) return Optional.of(LATENCY);
            if (PromQl.ratio(query).isPresent()) return Optional.of(RATIO);
        }
        return Optional.empty();
    }
}
