package dev.gantry.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prometheus' HTTP API: the trigger's query is PromQL, asked with {@code /api/v1/query} at the sample's time and
 * with {@code /api/v1/query_range} for a baseline. An instant query must give one series or a scalar.
 */
@Doc("Prometheus, or a server with its query API (Thanos, Mimir, VictoriaMetrics); the triggers' queries are PromQL")
public record PrometheusSource(
        @Required @Doc("The base URL, such as http://prometheus:9090; {environment} and {version} are replaced")
                String url,
        @Doc("Request headers by name, such as X-Scope-OrgID for a shared server; {environment} and {version} in"
                        + " values are replaced")
                Map<String, String> headers,
        @Doc("The environment variable that holds a bearer token, such as PROMETHEUS_TOKEN; sent as Authorization")
                String tokenVariable,
        @Doc("How long to wait for each answer; 10s by default") Duration timeout)
        implements MetricSource {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Prometheus refuses a range query with more points than this per series. */
    static final int MAX_POINTS = 11_000;

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public PrometheusSource {
        url = HttpGet.checkUrl(url, "http://prometheus:9090").replaceAll("/+$", "");
        headers = HttpGet.checkHeaders(headers);
        if (tokenVariable != null && !VARIABLE.matcher(tokenVariable).matches()) {
            throw new InvalidValue(
                    "tokenVariable",
                    "expected the name of an environment variable such as PROMETHEUS_TOKEN, got \"" + tokenVariable
                            + "\"");
        }
        if (tokenVariable != null && headers.containsKey("Authorization")) {
            throw new IllegalArgumentException("give tokenVariable or an Authorization header, not both");
        }
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
    }

    @Override
    public Reading instant(String query, Instant at, MetricContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", context.expand(query));
        params.put("time", seconds(at));
        try {
            return Reading.of(at, PrometheusAnswer.instant(ask("query", params, context)));
        } catch (NoValue e) {
            return Reading.missing(at, e.getMessage());
        } catch (RuntimeException e) {
            return Reading.missing(at, NoValue.unexpected(e));
        }
    }

    /**
     * One reading per step from {@code from} to {@code to}, at the times Prometheus evaluates (to the millisecond);
     * a step without a point is missing with "no data at this step". When the query fails as a whole (several
     * series, no series, an error), the list is one missing reading at {@code to} that says why.
     */
    @Override
    public List<Reading> range(String query, Instant from, Instant to, Duration step, MetricContext context) {
        if (step.toMillis() < 1) throw new IllegalArgumentException("the step must be 1ms or longer, got " + step);
        if (from.isAfter(to))
            throw new IllegalArgumentException("the range ends before it starts: " + from + " to " + to);
        Instant start = from.truncatedTo(ChronoUnit.MILLIS);
        Instant end = to.truncatedTo(ChronoUnit.MILLIS);
        long points = Duration.between(start, end).toMillis() / step.toMillis() + 1;
        if (points > MAX_POINTS) {
            return List.of(Reading.missing(
                    to,
                    "the range has " + points + " steps of " + DurationText.of(step) + "; Prometheus gives at most "
                            + MAX_POINTS + ", so take a longer step"));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", context.expand(query));
        params.put("start", seconds(start));
        params.put("end", seconds(end));
        params.put("step", step.toMillis() % 1000 == 0 ? step.toSeconds() + "s" : step.toMillis() + "ms");
        List<Instant> steps = new ArrayList<>();
        for (Instant t = start; !t.isAfter(end); t = t.plusMillis(step.toMillis())) steps.add(t);
        try {
            return PrometheusAnswer.range(ask("query_range", params, context), steps);
        } catch (NoValue e) {
            return List.of(Reading.missing(to, e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(Reading.missing(to, NoValue.unexpected(e)));
        }
    }

    private JsonNode ask(String api, Map<String, String> params, MetricContext context) throws NoValue {
        String endpoint = context.expand(url) + "/api/v1/" + api;
        Map<String, String> sent = new LinkedHashMap<>();
        headers.forEach((name, value) -> sent.put(name, context.expand(value)));
        if (tokenVariable != null) sent.put("Authorization", "Bearer " + token(context));
        String form = params.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return PrometheusAnswer.data(HttpGet.get(endpoint + "?" + form, endpoint, sent, timeout), endpoint);
    }

    private String token(MetricContext context) throws NoValue {
        String token = context.variables().get(tokenVariable);
        if (token == null || token.isBlank()) {
            throw new NoValue("no Prometheus token: the environment variable " + tokenVariable + " is not set");
        }
        return token.strip();
    }

    /** Seconds since the epoch, to the millisecond, as Prometheus reads times: 1712345678 or 1712345678.123. */
    static String seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    @Override
    public String describe() {
        return "Prometheus at " + url + (tokenVariable == null ? "" : " with the bearer token in $" + tokenVariable);
    }
}
