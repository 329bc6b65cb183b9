package dev.gantry.local.analysis;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query of the local source: a metric, optionally for one version, as {@code error_rate} or
 * {@code p99_latency{version="1.2.0"}}.
 *
 * @param version the version asked for; empty for the one the proxy favours now (see {@link LocalSource})
 */
record LocalQuery(String metric, Optional<String> version) {

    static final List<String> METRICS =
            List.of("error_rate", "rps", "requests", "p50_latency", "p95_latency", "p99_latency", "health");

    private static final Pattern QUERY = Pattern.compile("\\s*([A-Za-z0-9_]+)\\s*(?:\\{(.*)}\\s*)?");
    private static final Pattern VERSION = Pattern.compile("\\s*version\\s*=\\s*\"([^\"]+)\"\\s*,?\\s*");

    /**
     * Reads a query as the plan writes it, placeholders already replaced.
     *
     * @throws IllegalArgumentException saying what is wrong and what is accepted
     */
    static LocalQuery parse(String text) {
        Matcher query = QUERY.matcher(text);
        if (!query.matches()) {
            throw new IllegalArgumentException("cannot read \"" + text + "\": expected a metric and at most a version,"
                    + " such as error_rate{version=\"1.2.0\"}");
        }
        String metric = query.group(1);
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException(
                    "unknown metric \"" + metric + "\"; expected one of " + String.join(", ", METRICS));
        }
        String selector = query.group(2);
        if (selector == null || selector.isBlank()) return new LocalQuery(metric, Optional.empty());
        Matcher version = VERSION.matcher(selector);
        if (!version.matches()) {
            throw new IllegalArgumentException("cannot read the selector {" + selector + "} of \"" + text
                    + "\": the local source selects by version only, as in " + metric + "{version=\"1.2.0\"}");
        }
        return new LocalQuery(metric, Optional.of(version.group(1)));
    }
}
