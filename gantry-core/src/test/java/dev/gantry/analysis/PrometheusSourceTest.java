package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prometheus source against a real server on loopback that answers Prometheus' query API. */
class PrometheusSourceTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_712_345_678);
    private static final String ERROR_RATE =
            "sum(rate(http_requests_total{status=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private MetricsServer server;
    private MetricContext context;

    @BeforeEach
    void start() throws Exception {
        server = new MetricsServer();
        context = new MetricContext(dir, "production", "2.4.0", Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PrometheusSource source() {
        return new PrometheusSource(server.base(), null, null, null);
    }

    private String endpoint(String api) {
        return server.base() + "/api/v1/" + api;
    }

    /** Samples every minute from T0, one value a minute. */
    private static Map<Instant, String> everyMinute(String... values) {
        Map<Instant, String> samples = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) samples.put(T0.plus(MINUTE.multipliedBy(i)), values[i]);
        return samples;
    }

    @Test
    void anInstantVectorOfOneSeriesIsItsValueAtTheTimeAsked() {
        server.series(ERROR_RATE, Map.of(), everyMinute("0.021", "0.034"));

        assertThat(source().instant(ERROR_RATE, T0, context)).isEqualTo(Reading.of(T0, 0.021));
        Instant later = T0.plusSeconds(90);
        assertThat(source().instant(ERROR_RATE, later, context)).isEqualTo(Reading.of(later, 0.034));

        MetricsServer.Request first = server.requests().get(0);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/api/v1/query");
        assertThat(first.params()).containsExactly(Map.entry("query", ERROR_RATE), Map.entry("time", "1712345678"));
        assertThat(server.requests().get(1).params()).containsEntry("time", "1712345768");
    }

    @Test
    void theTimeIsSentToTheMillisecond() {
        server.series("up", Map.of("job", "api"), Map.of(T0, "1"));
        Instant at = T0.plusMillis(123).plusNanos(456_789);

        assertThat(source().instant("up", at, context).value()).isEqualTo(OptionalDouble.of(1));
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.params())
                .containsEntry("time", "1712345678.123"));
    }

    @Test
    void theQueryIsExpandedAndEncoded() {
        String query = "sum(rate(http_requests_total{env=\"{environment}\",version=\"{version}\",code=~\"5..\"}[5m]))"
                + " / 2 + 1 & on() vector(1)";
        String expanded = "sum(rate(http_requests_total{env=\"production\",version=\"2.4.0\",code=~\"5..\"}[5m]))"
                + " / 2 + 1 & on() vector(1)";
        server.series(expanded, Map.of(), Map.of(T0, "0.5"));

        assertThat(source().instant(query, T0, context)).isEqualTo(Reading.of(T0, 0.5));

        MetricsServer.Request request = server.requests().get(0);
        assertThat(request.params()).containsEntry("query", expanded);
        // Every character that means something in a URL arrives escaped, so the query is one parameter.
        assertThat(request.rawQuery())
                .startsWith("query=sum%28rate%28")
                .doesNotContain("{", "\"", " ", "&on")
                .contains("+%2B+1+%26+on");
    }

    @Test
    void aScalarIsItsValue() {
        server.scalar("scalar(sum(up))", "0.5");

        assertThat(source().instant("scalar(sum(up))", T0, context)).isEqualTo(Reading.of(T0, 0.5));
    }

    @Test
    void anEmptyVectorIsNoData() {
        server.series("up", Map.of(), Map.of(T0, "1"));

        assertThat(source().instant("absent_metric", T0, context))
                .isEqualTo(Reading.missing(T0, "no data: the query gives no series"));
        // A series whose last sample is older than Prometheus' five-minute lookback is gone too.
        Instant stale = T0.plus(Duration.ofMinutes(6));
        assertThat(source().instant("up", stale, context))
                .isEqualTo(Reading.missing(stale, "no data: the query gives no series"));
    }

    @Test
    void severalSeriesMustBeAggregated() {
        server.series("rate(http_requests_total[5m])", Map.of("pod", "api-1"), Map.of(T0, "3"));
        server.series("rate(http_requests_total[5m])", Map.of("pod", "api-2"), Map.of(T0, "4"));

        assertThat(source().instant("rate(http_requests_total[5m])", T0, context))
                .isEqualTo(Reading.missing(T0, "the query gives 2 series; aggregate it to one (sum(...))"));
    }

    @Test
    void notANumberIsMissing() {
        server.series("errors / requests", Map.of(), Map.of(T0, "NaN"));
        server.series("errors / zero", Map.of(), Map.of(T0, "+Inf"));
        server.series("zero - errors / zero", Map.of(), Map.of(T0, "-Inf"));

        assertThat(source().instant("errors / requests", T0, context))
                .isEqualTo(Reading.missing(T0, "the query gives NaN, not a number (a ratio over no requests is 0/0)"));
        assertThat(source().instant("errors / zero", T0, context))
                .isEqualTo(Reading.missing(T0, "the query gives +Inf, not a finite number (a division by zero)"));
        assertThat(source().instant("zero - errors / zero", T0, context).problem())
                .isEqualTo("the query gives -Inf, not a finite number (a division by zero)");
    }

    @Test
    void prometheusErrorsAreQuoted() {
        server.answer(
                "rate(http_requests_total[5m]",
                400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\","
                        + "\"error\":\"1:29: parse error: unclosed left parenthesis\"}");
        server.answer(
                "sum(huge)",
                422,
                "{\"status\":\"error\",\"errorType\":\"execution\","
                        + "\"error\":\"query processing would load too many samples into memory\"}");
        server.answer(
                "sum(slow)",
                503,
                "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression"
                        + " evaluation\"}");

        assertThat(source().instant("rate(http_requests_total[5m]", T0, context))
                .isEqualTo(Reading.missing(
                        T0,
                        "Prometheus error from " + endpoint("query")
                                + " (HTTP 400, bad_data): 1:29: parse error: unclosed left parenthesis"));
        assertThat(source().instant("sum(huge)", T0, context).problem())
                .isEqualTo("Prometheus error from " + endpoint("query")
                        + " (HTTP 422, execution): query processing would load too many samples into memory");
        assertThat(source().instant("sum(slow)", T0, context).problem())
                .isEqualTo("Prometheus error from " + endpoint("query")
                        + " (HTTP 503, timeout): query timed out in expression evaluation");
    }

    @Test
    void aServerErrorIsMissing() {
        server.answer("up", 500, "Internal Server Error\n");
        server.answer("down", 502, "<html><body>Bad Gateway</body></html>");

        assertThat(source().instant("up", T0, context))
                .isEqualTo(Reading.missing(T0, "HTTP 500 from " + endpoint("query")));
        assertThat(source().instant("down", T0, context).problem()).isEqualTo("HTTP 502 from " + endpoint("query"));
    }

    @Test
    void anAnswerThatIsNotPrometheusIsMissing() {
        server.answer("up", 200, "<html><body>Grafana</body></html>");
        server.answer("sum(up)", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        server.answer("count(up)", 200, "{\"hello\":\"world\"}");
        server.answer(
                "max(up)",
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[{\"metric\":{},\"value\":[1712345678,0.5]}]}}");

        assertThat(source().instant("up", T0, context).problem())
                .startsWith(
                        "HTTP 200 from " + endpoint("query") + ", but the body is not JSON: Unexpected character ('<'");
        assertThat(source().instant("sum(up)", T0, context).problem())
                .startsWith("HTTP 200 from " + endpoint("query") + ", but the body is not JSON: ");
        assertThat(source().instant("count(up)", T0, context).problem())
                .isEqualTo("HTTP 200 from " + endpoint("query") + ", but not a Prometheus query result: expected"
                        + " \"status\": \"success\" and \"data\", got {\"hello\":\"world\"}");
        assertThat(source().instant("max(up)", T0, context).problem())
                .isEqualTo("not a Prometheus query result: a sample is [time, \"value\"], got [1712345678,0.5]");
    }

    @Test
    void aStringOrARangeVectorIsNotAValue() {
        server.answer(
                "\"text\"",
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"string\"," + "\"result\":[1712345678,\"text\"]}}");
        server.answer("up[5m]", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

        assertThat(source().instant("\"text\"", T0, context).problem())
                .isEqualTo("the query gives the string \"text\", not a number");
        assertThat(source().instant("up[5m]", T0, context).problem())
                .isEqualTo("the query gives a range vector; ask for one value, such as rate(x[5m]) rather than x[5m]");
    }

    @Test
    void noAnswerWithinTheTimeoutIsMissing() {
        server.hold("up");
        PrometheusSource source = new PrometheusSource(server.base(), null, null, Duration.ofSeconds(1));

        assertThat(source.instant("up", T0, context))
                .isEqualTo(Reading.missing(T0, "no answer within 1s from " + endpoint("query")));
    }

    @Test
    void aRefusedConnectionIsMissing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrometheusSource source = new PrometheusSource("http://127.0.0.1:" + port, null, null, null);

        assertThat(source.instant("up", T0, context))
                .isEqualTo(Reading.missing(T0, "connection refused from http://127.0.0.1:" + port + "/api/v1/query"));
    }

    @Test
    void theTokenAndHeadersAreSent() {
        server.series("up", Map.of(), Map.of(T0, "1"));
        PrometheusSource source =
                new PrometheusSource(server.base(), Map.of("X-Scope-OrgID", "team-{environment}"), "PROM_TOKEN", null);
        MetricContext withToken = new MetricContext(dir, "production", "2.4.0", Map.of("PROM_TOKEN", "s3cr3t-token\n"));

        assertThat(source.instant("up", T0, withToken)).isEqualTo(Reading.of(T0, 1));

        MetricsServer.Request request = server.requests().get(0);
        assertThat(request.header("Authorization")).contains("Bearer s3cr3t-token");
        assertThat(request.header("X-Scope-OrgID")).contains("team-production");
    }

    @Test
    void aMissingTokenIsMissingWithoutAsking() {
        PrometheusSource source = new PrometheusSource(server.base(), null, "PROM_TOKEN", null);

        assertThat(source.instant("up", T0, context))
                .isEqualTo(Reading.missing(T0, "no Prometheus token: the environment variable PROM_TOKEN is not set"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void noTokenNoAuthorization() {
        server.series("up", Map.of(), Map.of(T0, "1"));

        source().instant("up", T0, context);

        assertThat(server.requests().get(0).header("Authorization")).isEmpty();
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() {
        server.series("up", Map.of(), Map.of(T0, "1"));
        PrometheusSource source = new PrometheusSource(server.base() + "/prometheus/", null, null, null);

        assertThat(source.instant("up", T0, context)).isEqualTo(Reading.of(T0, 1));
        assertThat(server.requests().get(0).path()).isEqualTo("/prometheus/api/v1/query");
    }

    @Test
    void aRangeIsOneReadingPerStep() {
        server.series(ERROR_RATE, Map.of(), everyMinute("0.01", "0.02", "0.015", "0.03", "0.025"));

        List<Reading> readings = source().range(ERROR_RATE, T0, T0.plus(Duration.ofMinutes(4)), MINUTE, context);

        assertThat(readings)
                .containsExactly(
                        Reading.of(T0, 0.01),
                        Reading.of(T0.plusSeconds(60), 0.02),
                        Reading.of(T0.plusSeconds(120), 0.015),
                        Reading.of(T0.plusSeconds(180), 0.03),
                        Reading.of(T0.plusSeconds(240), 0.025));
        MetricsServer.Request request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/api/v1/query_range");
        assertThat(request.params())
                .containsExactly(
                        Map.entry("query", ERROR_RATE),
                        Map.entry("start", "1712345678"),
                        Map.entry("end", "1712345918"),
                        Map.entry("step", "60s"));
    }

    @Test
    void aStepWithoutASampleOrWithNaNIsMissingInTheRange() {
        Map<Instant, String> samples = new LinkedHashMap<>();
        samples.put(T0, "0.01");
        samples.put(T0.plusSeconds(30), "NaN");
        // Nothing from T0+30s on for more than five minutes: those steps have no point at all.
        samples.put(T0.plusSeconds(30 * 14), "0.02");
        server.series("errors", Map.of(), samples);

        List<Reading> readings = source().range("errors", T0, T0.plusSeconds(30 * 14), Duration.ofSeconds(30), context);

        assertThat(readings).hasSize(15);
        assertThat(readings.get(0)).isEqualTo(Reading.of(T0, 0.01));
        assertThat(readings.get(1))
                .isEqualTo(Reading.missing(
                        T0.plusSeconds(30), "the query gives NaN, not a number (a ratio over no requests is 0/0)"));
        assertThat(readings.get(12)).isEqualTo(Reading.missing(T0.plusSeconds(30 * 12), "no data at this step"));
        assertThat(readings.get(14)).isEqualTo(Reading.of(T0.plusSeconds(30 * 14), 0.02));
        assertThat(readings.stream().filter(Reading::hasValue)).hasSize(2);
        assertThat(server.requests().get(0).params()).containsEntry("step", "30s");
    }

    @Test
    void aRangeThatFailsIsOneMissingReadingAtItsEnd() {
        server.series("rate(x[5m])", Map.of("pod", "a"), everyMinute("1", "2"));
        server.series("rate(x[5m])", Map.of("pod", "b"), everyMinute("1", "2"));
        server.answer("broken", 500, "oops");
        Instant end = T0.plus(MINUTE);

        assertThat(source().range("rate(x[5m])", T0, end, MINUTE, context))
                .containsExactly(Reading.missing(end, "the query gives 2 series; aggregate it to one (sum(...))"));
        assertThat(source().range("nothing", T0, end, MINUTE, context))
                .containsExactly(Reading.missing(end, "no data: the query gives no series over the range"));
        assertThat(source().range("broken", T0, end, MINUTE, context))
                .containsExactly(Reading.missing(end, "HTTP 500 from " + endpoint("query_range")));
    }

    @Test
    void anAnswerSayingItIsOverEightMebibytesIsMissingUnread() {
        server.large("up", 300L << 20, true);

        assertThat(source().instant("up", T0, context))
                .isEqualTo(Reading.missing(
                        T0,
                        "the answer from " + endpoint("query")
                                + " has 314572800 bytes, more than the 8 MiB a metric source reads"));
    }

    @Test
    void anAnswerGoingOnPastEightMebibytesIsMissingWithoutReadingTheRest() {
        server.large("up", 64L << 20, false);
        server.large("rate(x[5m])", 64L << 20, false);
        Instant end = T0.plus(MINUTE);

        String tooLarge = "the answer from %s has more than the 8 MiB a metric source reads";
        assertThat(source().instant("up", T0, context))
                .isEqualTo(Reading.missing(T0, tooLarge.formatted(endpoint("query"))));
        assertThat(source().range("rate(x[5m])", T0, end, MINUTE, context))
                .containsExactly(Reading.missing(end, tooLarge.formatted(endpoint("query_range"))));
    }

    @Test
    void anAnswerOfJustUnderTheLimitIsRead() {
        server.large("up", HttpGet.MAX_BYTES, false);

        assertThat(source().instant("up", T0, context))
                .isEqualTo(Reading.missing(T0, "no data: the query gives no series"));
    }

    @Test
    void aSampleTimeOutOfAnyRangeIsAMalformedAnswer() {
        Instant end = T0.plus(MINUTE);
        for (String time : List.of("1e400", "-1e400", "1e300", "99999999999999999999999")) {
            server.answer(
                    "rate(x[5m])",
                    200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                            + "\"values\":[[" + time + ",\"1\"]]}]}}");

            assertThat(source().range("rate(x[5m])", T0, end, MINUTE, context))
                    .singleElement()
                    .satisfies(reading -> assertThat(reading.problem())
                            .startsWith("not a Prometheus query result: a sample's time is seconds since 1970, got ["));
        }
    }

    @Test
    void aRangeWithTooManyStepsIsNotAsked() {
        Instant end = T0.plus(Duration.ofDays(1));

        assertThat(source().range("up", T0, end, Duration.ofSeconds(1), context))
                .containsExactly(Reading.missing(
                        end, "the range has 86401 steps of 1s; Prometheus gives at most 11000, so take a longer step"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aStepUnderASecondIsSentInMilliseconds() {
        server.series("up", Map.of(), Map.of(T0, "1"));

        List<Reading> readings = source().range("up", T0, T0.plusSeconds(1), Duration.ofMillis(500), context);

        assertThat(readings)
                .containsExactly(
                        Reading.of(T0, 1), Reading.of(T0.plusMillis(500), 1), Reading.of(T0.plusSeconds(1), 1));
        assertThat(server.requests().get(0).params()).containsEntry("step", "500ms");
    }

    @Test
    void aRangeBackwardsOrWithoutAStepIsAMistakeOfTheCaller() {
        assertThatThrownBy(() -> source().range("up", T0, T0.minusSeconds(1), MINUTE, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the range ends before it starts");
        assertThatThrownBy(() -> source().range("up", T0, T0, Duration.ZERO, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the step must be 1ms or longer, got PT0S");
    }

    @Test
    void itDescribesItself() {
        assertThat(new PrometheusSource("http://prometheus:9090/", null, null, null).describe())
                .isEqualTo("Prometheus at http://prometheus:9090");
        assertThat(new PrometheusSource("https://prom.example.com", null, "PROM_TOKEN", null).describe())
                .isEqualTo("Prometheus at https://prom.example.com with the bearer token in $PROM_TOKEN");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new PrometheusSource("prometheus:9090", null, null, null))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected an http or https URL such as http://prometheus:9090, got \"prometheus:9090\"");
        assertThatThrownBy(() -> new PrometheusSource("http://prometheus:9090", null, "PROM-TOKEN", null))
                .isInstanceOf(InvalidValue.class)
                .hasMessage(
                        "expected the name of an environment variable such as PROMETHEUS_TOKEN, got \"PROM-TOKEN\"");
        assertThatThrownBy(() -> new PrometheusSource(
                        "http://prometheus:9090", Map.of("authorization", "Bearer x"), "PROM_TOKEN", null))
                .hasMessage("give tokenVariable or an Authorization header, not both");
        assertThatThrownBy(() -> new PrometheusSource("http://prometheus:9090", null, null, Duration.ZERO))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a duration longer than zero such as 30s, got \"0s\"");
        assertThat(new PrometheusSource("http://prometheus:9090", null, null, null).timeout())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
