package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Prometheus' answer read from anything a server may send: random bytes, answers shaped like Prometheus' with
 * values, times and types from far outside their ranges, nesting at any depth. The reader gives values or a
 * {@link NoValue} that says why, never another exception; inputs are small and tries bounded, so a reader that
 * loops shows as a run that does not end.
 */
class PrometheusAnswerProperties {

    private static final String ENDPOINT = "http://prometheus:9090/api/v1/query";
    private static final List<Instant> STEPS =
            List.of(Instant.ofEpochSecond(1_712_345_678), Instant.ofEpochSecond(1_712_345_738));

    @Property(tries = 300)
    void anyBytesAreReadOrSayWhyNot(@ForAll("statuses") int status, @ForAll("bytes") byte[] body) {
        readOrSayWhyNot(status, body);
    }

    @Property(tries = 500)
    void answersShapedLikePrometheusAreReadOrSayWhyNot(@ForAll("statuses") int status, @ForAll("answers") String body) {
        readOrSayWhyNot(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 40)
    void nestingAtAnyDepthIsReadOrSaysWhyNot(@ForAll @IntRange(min = 0, max = 5000) int depth) {
        String deep = "[".repeat(depth) + "\"1\"" + "]".repeat(depth);
        readOrSayWhyNot(
                200,
                ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":" + deep + "}]}}")
                        .getBytes(StandardCharsets.UTF_8));
        readOrSayWhyNot(
                200,
                ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":" + deep + "}]}}")
                        .getBytes(StandardCharsets.UTF_8));
        readOrSayWhyNot(200, "{\"a\":".repeat(depth).getBytes(StandardCharsets.UTF_8));
    }

    private static void readOrSayWhyNot(int status, byte[] body) {
        JsonNode data;
        try {
            data = PrometheusAnswer.data(new HttpGet.Answer(status, body), ENDPOINT);
        } catch (NoValue e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        try {
            double value = PrometheusAnswer.instant(data);
            assertThat(Reading.of(STEPS.get(0), value).at()).isEqualTo(STEPS.get(0));
        } catch (NoValue e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        try {
            assertThat(PrometheusAnswer.range(data, STEPS)).isNotEmpty();
        } catch (NoValue e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(200)),
                Tuple.of(1, Arbitraries.of(204, 400, 422, 500, 503)),
                Tuple.of(1, Arbitraries.integers().between(100, 599)));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(1024);
        Arbitrary<byte[]> prefixed = Combinators.combine(
                        Arbitraries.of(
                                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"value\":[",
                                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[[",
                                "{\"status\":\"error\",\"errorType\":"),
                        any)
                .as((start, rest) -> {
                    byte[] head = start.getBytes(StandardCharsets.UTF_8);
                    byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
                    System.arraycopy(rest, 0, all, head.length, rest.length);
                    return all;
                });
        return Arbitraries.oneOf(any, prefixed);
    }

    @Provide
    Arbitrary<String> answers() {
        Arbitrary<String> sample = Combinators.combine(value(), value()).as((t, v) -> "[" + t + "," + v + "]");
        Arbitrary<String> samples =
                Arbitraries.oneOf(sample.list().ofMaxSize(5).map(list -> "[" + String.join(",", list) + "]"), value());
        Arbitrary<String> series = Combinators.combine(
                        Arbitraries.of("value", "values", "metric"), Arbitraries.oneOf(sample, samples))
                .as((key, v) -> "{\"metric\":{},\"" + key + "\":" + v + "}");
        Arbitrary<String> result = Arbitraries.oneOf(
                series.list().ofMaxSize(3).map(list -> "[" + String.join(",", list) + "]"), sample, value());
        Arbitrary<String> anyData = Combinators.combine(
                        Arbitraries.of("vector", "scalar", "matrix", "string", "", "streams"), result)
                .as((type, r) -> "{\"resultType\":\"" + type + "\",\"result\":" + r + "}");
        // Right in all but the values, so that the values reach the code that reads them.
        Arbitrary<String> vector = sample.map(s -> "{\"resultType\":\"vector\",\"result\":[{\"value\":" + s + "}]}");
        Arbitrary<String> matrix = samples.map(s -> "{\"resultType\":\"matrix\",\"result\":[{\"values\":" + s + "}]}");
        Arbitrary<String> data =
                Arbitraries.frequencyOf(Tuple.of(2, anyData), Tuple.of(1, vector), Tuple.of(2, matrix));
        Arbitrary<String> anyEnvelope = Combinators.combine(
                        Arbitraries.of("success", "error", "", "partial"), Arbitraries.oneOf(data, value()), value())
                .as((status, d, error) -> "{\"status\":\"" + status + "\",\"data\":" + d + ",\"errorType\":" + error
                        + ",\"error\":" + error + "}");
        Arbitrary<String> success = data.map(d -> "{\"status\":\"success\",\"data\":" + d + "}");
        return Arbitraries.frequencyOf(Tuple.of(1, anyEnvelope), Tuple.of(3, success));
    }

    /** Values from the edges: times and numbers past any range, strings Prometheus writes and does not. */
    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "0",
                        "-1",
                        "1712345678.123",
                        "1712345678.1239",
                        "1e308",
                        "1e400",
                        "-1e400",
                        "1e-400",
                        "9223372036854775807",
                        "-9223372036854775809",
                        "99999999999999999999999999999999999999",
                        "9".repeat(900),
                        "\"0.021\"",
                        "\"NaN\"",
                        "\"+Inf\"",
                        "\"-Inf\"",
                        "\"1e400\"",
                        "\"0x1p3\"",
                        "\"\"",
                        "\"" + "9".repeat(900) + "\"",
                        "null",
                        "true",
                        "[]",
                        "{}",
                        "[1]",
                        "[1,2,3]"),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(d -> "\"" + d + "\""));
    }
}
