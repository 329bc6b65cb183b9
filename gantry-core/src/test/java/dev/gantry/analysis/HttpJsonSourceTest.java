package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http-json source against a real server on loopback. */
class HttpJsonSourceTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final String STATS = "{\"service\":\"api\",\"errors\":{\"rate\":0.021,\"text\":\"0.034\","
            + "\"level\":\"high\",\"none\":null},\"pods\":[{\"name\":\"api-1\",\"p99\":0.41},"
            + "{\"name\":\"api-2\",\"p99\":0.38}]}";

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

    private String url(String path) {
        return server.base() + path;
    }

    private HttpJsonSource source(String path) {
        return new HttpJsonSource(url(path), null, null);
    }

    @Test
    void theNumberAtThePathIsTheValue() {
        server.answer("/stats", 200, STATS);

        assertThat(source("/stats").instant("$.errors.rate", T0, context)).isEqualTo(Reading.of(T0, 0.021));
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/stats");
        });
    }

    @Test
    void eachReadingAsksAgainAndTheTimeOnlyDatesIt() {
        HttpJsonSource source = source("/stats");
        server.answer("/stats", 200, "{\"rate\":0.01}");
        Reading first = source.instant("$.rate", T0, context);
        server.answer("/stats", 200, "{\"rate\":0.05}");
        Instant earlier = T0.minusSeconds(3600);
        Reading second = source.instant("$.rate", earlier, context);

        assertThat(first).isEqualTo(Reading.of(T0, 0.01));
        assertThat(second).isEqualTo(Reading.of(earlier, 0.05));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aNumberWrittenAsTextIsANumber() {
        server.answer("/stats", 200, STATS);

        assertThat(source("/stats").instant("$.errors.text", T0, context)).isEqualTo(Reading.of(T0, 0.034));
    }

    @Test
    void aPathWithAFilterMustMatchOneNumber() {
        server.answer("/stats", 200, STATS);
        HttpJsonSource source = source("/stats");

        assertThat(source.instant("$.pods[?(@.name == 'api-2')].p99", T0, context))
                .isEqualTo(Reading.of(T0, 0.38));
        assertThat(source.instant("$.pods[*].p99", T0, context).problem())
                .isEqualTo(
                        "$.pods[*].p99 gives 2 values in the answer from " + url("/stats") + "; expected one number");
    }

    @Test
    void aValueThatIsNotANumberIsMissing() {
        server.answer("/stats", 200, STATS);
        HttpJsonSource source = source("/stats");

        assertThat(source.instant("$.errors.level", T0, context))
                .isEqualTo(Reading.missing(
                        T0, "$.errors.level is \"high\" in the answer from " + url("/stats") + ", not a number"));
        assertThat(source.instant("$.errors.none", T0, context).problem())
                .isEqualTo("$.errors.none is null in the answer from " + url("/stats") + ", not a number");
        assertThat(source.instant("$.errors", T0, context).problem())
                .isEqualTo("$.errors is {\"rate\":0.021,\"text\":\"0.034\",\"level\":\"high\",\"none\":null} in the"
                        + " answer from " + url("/stats") + ", not a number");
    }

    @Test
    void anAbsentPathIsMissing() {
        server.answer("/stats", 200, STATS);

        assertThat(source("/stats").instant("$.errors.ratio", T0, context))
                .isEqualTo(Reading.missing(T0, "no $.errors.ratio in the answer from " + url("/stats")));
    }

    @Test
    void aQueryThatIsNotAJsonPathIsMissingWithoutAsking() {
        assertThat(source("/stats").instant("$.errors.", T0, context).problem())
                .startsWith(
                        "the query \"$.errors.\" is not a JSONPath such as $.errors.rate: path must not end with a");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theUrlQueryAndHeadersAreExpanded() {
        server.answer("/production/stats", 200, "{\"production\":{\"rate\":0.5}}");
        HttpJsonSource source = new HttpJsonSource(
                url("/{environment}/stats"), Map.of("X-Release", "{version}"), Duration.ofSeconds(5));

        assertThat(source.instant("$.{environment}.rate", T0, context)).isEqualTo(Reading.of(T0, 0.5));
        assertThat(server.requests().get(0).header("X-Release")).contains("2.4.0");
    }

    @Test
    void anErrorStatusIsMissing() {
        server.answer("/stats", 503, "{\"rate\":0.01}");

        assertThat(source("/stats").instant("$.rate", T0, context))
                .isEqualTo(Reading.missing(T0, "HTTP 503 from " + url("/stats")));
        assertThat(source("/absent").instant("$.rate", T0, context).problem())
                .isEqualTo("HTTP 404 from " + url("/absent"));
    }

    @Test
    void aBodyThatIsNotJsonIsMissing() {
        server.answer("/stats", 200, "rate 0.01\n");

        assertThat(source("/stats").instant("$.rate", T0, context).problem())
                .startsWith("HTTP 200 from " + url("/stats") + ", but the body is not JSON: Unrecognized token 'rate'");
    }

    @Test
    void aFunctionThatFailsOnTheAnswerIsMissingWithTheReason() {
        server.answer("/stats", 200, "{\"data\":{\"result\":[]},\"text\":[\"a\"]}");

        assertThat(source("/stats").instant("$.data.result.min()", T0, context))
                .isEqualTo(Reading.missing(
                        T0,
                        "$.data.result.min() cannot be evaluated on the answer from " + url("/stats")
                                + ": aggregation function attempted to calculate value using empty array"));
        assertThat(source("/stats").instant("$.text.avg()", T0, context).problem())
                .startsWith("$.text.avg() cannot be evaluated on the answer from " + url("/stats") + ": ");
    }

    @Test
    void everyQueryOnAnyAnswerIsAReadingNeverAnException() {
        server.answer("/stats", 200, STATS);
        for (String query : List.of(
                "$.pods.length()",
                "$.pods[*].p99.max()",
                "$.errors.none.sum()",
                "$..name.stddev()",
                "$.pods[?(@.p99 > $.errors)]",
                "$.pods[?(@.name =~ /api.*/)].p99",
                "$.service.concat()",
                "$.pods.keys()",
                "$.pods[-99]",
                "$.errors.first()",
                "$.pods[0].p99.append(1)")) {
            assertThat(source("/stats").instant(query, T0, context).at()).isEqualTo(T0);
        }
    }

    @Test
    void anAnswerOverEightMebibytesIsMissingWithoutReadingItWhole() {
        server.large("/stats", 300L << 20, false);

        assertThat(source("/stats").instant("$.rate", T0, context))
                .isEqualTo(Reading.missing(
                        T0, "the answer from " + url("/stats") + " has more than the 8 MiB a metric source reads"));
    }

    @Test
    void noAnswerWithinTheTimeoutIsMissing() {
        server.hold("/stats");
        HttpJsonSource source = new HttpJsonSource(url("/stats"), null, Duration.ofSeconds(1));

        assertThat(source.instant("$.rate", T0, context))
                .isEqualTo(Reading.missing(T0, "no answer within 1s from " + url("/stats")));
    }

    @Test
    void aRefusedConnectionIsMissing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpJsonSource source = new HttpJsonSource("http://127.0.0.1:" + port + "/stats", null, null);

        assertThat(source.instant("$.rate", T0, context).problem())
                .isEqualTo("connection refused from http://127.0.0.1:" + port + "/stats");
    }

    @Test
    void aRangeIsTheValueNowAtItsEnd() {
        server.answer("/stats", 200, STATS);
        Instant end = T0.plus(Duration.ofMinutes(30));

        assertThat(source("/stats").range("$.errors.rate", T0, end, Duration.ofMinutes(1), context))
                .containsExactly(Reading.of(end, 0.021));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void itDescribesItself() {
        assertThat(new HttpJsonSource("https://{environment}.example.com/stats", null, null).describe())
                .isEqualTo("the number at the trigger's JSONPath in GET https://{environment}.example.com/stats");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new HttpJsonSource("ftp://example.com/stats", null, null))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected an http or https URL such as https://{environment}.example.com/stats, got"
                        + " \"ftp://example.com/stats\"");
        assertThatThrownBy(() -> new HttpJsonSource("http://example.com", Map.of("Bad Name", "x"), null))
                .isInstanceOf(InvalidValue.class)
                .hasMessageStartingWith("cannot send header \"Bad Name\": ");
        assertThatThrownBy(() -> new HttpJsonSource("http://example.com", Map.of("Accept", "a", "accept", "b"), null))
                .isInstanceOf(InvalidValue.class)
                .hasMessageEndingWith(" is given twice, in different cases");
        assertThat(new HttpJsonSource("http://example.com", null, null).timeout())
                .isEqualTo(Duration.ofSeconds(10));
    }
}
