package dev.gantry.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.http.JsonBody;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus' answer to a query, read into values: the envelope ({@code status}, {@code data}, {@code errorType},
 * {@code error}), the result types, and the samples, whose values are strings ("0.021", "NaN", "+Inf").
 */
final class PrometheusAnswer {

    /**
     * About the year 5000: past it a sample's time is no time Prometheus gives, and in milliseconds it would soon
     * leave the range of a long.
     */
    private static final double MAX_SECONDS = 1e11;

    private PrometheusAnswer() {}

    /** The {@code data} of a successful answer; otherwise why there is none. */
    static JsonNode data(HttpGet.Answer answer, String endpoint) throws NoValue {
        String http = "HTTP " + answer.status() + " from " + endpoint;
        JsonNode json;
        try {
            json = JsonBody.parse(answer.body());
        } catch (JsonBody.NotJson e) {
            throw new NoValue(answer.ok() ? http + ", but " + e.getMessage() : http);
        }
        String status = json.path("status").asText("");
        if (status.equals("error")) {
            // Prometheus says what is wrong with the query (bad_data), or that it gave up (timeout, canceled).
            throw new NoValue("Prometheus error from " + endpoint + " (HTTP " + answer.status() + ", "
                    + json.path("errorType").asText("no errorType") + "): "
                    + json.path("error").asText("no message"));
        }
        if (!answer.ok()) throw new NoValue(http);
        if (!status.equals("success") || !json.path("data").isObject()) {
            throw new NoValue(http + ", but not a Prometheus query result: expected \"status\": \"success\" and"
                    + " \"data\", got " + NoValue.cut(json.toString()));
        }
        return json.get("data");
    }

    /** The one value of an instant query: a vector of one series, or a scalar. */
    static double instant(JsonNode data) throws NoValue {
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        switch (type) {
            case "vector" -> {
                if (!result.isArray()) throw malformed("a vector's result is a list", result);
                if (result.isEmpty()) throw new NoValue("no data: the query gives no series");
                if (result.size() > 1) throw several(result.size());
                return value(result.get(0).path("value"));
            }
            case "scalar" -> {
                return value(result);
            }
            case "string" ->
                throw new NoValue("the query gives the string "
                        + NoValue.quote(result.path(1).asText()) + ", not a number");
            case "matrix" ->
                throw new NoValue(
                        "the query gives a range vector; ask for one value, such as rate(x[5m]) rather than x[5m]");
            default ->
                throw new NoValue("the answer's resultType is " + NoValue.quote(type) + "; expected vector or scalar");
        }
    }

    /** The readings of a range query: one at each of {@code steps}, missing where the series has no point. */
    static List<Reading> range(JsonNode data, List<Instant> steps) throws NoValue {
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        if (!type.equals("matrix")) {
            throw new NoValue("the answer's resultType is " + NoValue.quote(type) + "; expected matrix");
        }
        if (!result.isArray()) throw malformed("a matrix's result is a list", result);
        if (result.isEmpty()) throw new NoValue("no data: the query gives no series over the range");
        if (result.size() > 1) throw several(result.size());
        JsonNode values = result.get(0).path("values");
        if (!values.isArray()) throw malformed("a series has a list of values", result.get(0));
        Map<Instant, Reading> byTime = new TreeMap<>();
        // Prometheus leaves out the steps where the series has no sample: those are missing, never skipped.
        for (Instant step : steps) byTime.put(step, Reading.missing(step, "no data at this step"));
        for (JsonNode sample : values) {
            Instant at = time(sample);
            try {
                byTime.put(at, Reading.of(at, value(sample)));
            } catch (NoValue e) {
                byTime.put(at, Reading.missing(at, e.getMessage()));
            }
        }
        return List.copyOf(byTime.values());
    }

    private static NoValue several(int series) {
        return new NoValue("the query gives " + series + " series; aggregate it to one (sum(...))");
    }

    /** A sample's time: seconds since the epoch, to the millisecond. */
    private static Instant time(JsonNode sample) throws NoValue {
        JsonNode seconds = sample.path(0);
        if (!seconds.isNumber()) throw malformed("a sample is [time, \"value\"]", sample);
        double approximately = seconds.doubleValue();
        if (!Double.isFinite(approximately) || Math.abs(approximately) > MAX_SECONDS) {
            throw malformed("a sample's time is seconds since 1970", sample);
        }
        return Instant.ofEpochMilli(seconds.decimalValue()
                .movePointRight(3)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }

    private static double value(JsonNode sample) throws NoValue {
        JsonNode text = sample.path(1);
        if (!sample.isArray() || sample.size() != 2 || !text.isTextual()) {
            throw malformed("a sample is [time, \"value\"]", sample);
        }
        String value = text.textValue();
        if (value.equals("NaN")) {
            throw new NoValue("the query gives NaN, not a number (a ratio over no requests is 0/0)");
        }
        if (value.endsWith("Inf")) {
            throw new NoValue("the query gives " + value + ", not a finite number (a division by zero)");
        }
        return NumberText.parse(value)
                .orElseThrow(() -> new NoValue("the query gives " + NoValue.quote(value) + ", not a number"));
    }

    private static NoValue malformed(String expected, JsonNode got) {
        return new NoValue("not a Prometheus query result: " + expected + ", got " + NoValue.cut(got.toString()));
    }
}
