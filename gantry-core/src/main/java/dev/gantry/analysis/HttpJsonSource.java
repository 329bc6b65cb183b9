package dev.gantry.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.Required;
import dev.gantry.http.JsonBody;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A JSON document that holds the current value, such as a service's stats endpoint: the trigger's query is a
 * JSONPath into the body of {@code GET url}. It knows only the present, so a range is one reading.
 */
@Doc("A URL that answers JSON with the value in it; the triggers' queries are JSONPaths such as $.errors.rate")
public record HttpJsonSource(
        @Required
                @Doc("The http or https URL, such as https://{environment}.example.com/stats; {environment} and"
                        + " {version} are replaced; redirects are not followed")
                String url,
        @Doc("Request headers by name; {environment} and {version} in values are replaced") Map<String, String> headers,
        @Doc("How long to wait for each answer; 10s by default") Duration timeout)
        implements MetricSource {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Made at the first reading, not when a plan is read: its Jackson mappers take longer to start than the rest of
     * reading the plan, and most commands only read the plan.
     */
    private static final class Json {
        static final Configuration PATHS = Configuration.builder()
                .jsonProvider(new JacksonJsonNodeJsonProvider())
                .mappingProvider(new JacksonMappingProvider())
                .build();
    }

    public HttpJsonSource {
        url = HttpGet.checkUrl(url, "https://{environment}.example.com/stats");
        headers = HttpGet.checkHeaders(headers);
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
    }

    /** The number at the JSONPath {@code query} in the document as it is now; {@code at} only dates the reading. */
    @Override
    public Reading instant(String query, Instant at, MetricContext context) {
        try {
            return Reading.of(at, read(context.expand(query), context));
        } catch (NoValue e) {
            return Reading.missing(at, e.getMessage());
        } catch (RuntimeException e) {
            return Reading.missing(at, NoValue.unexpected(e));
        }
    }

    /**
     * The document holds no history, so this cannot look back: the list is one reading, the value now, at
     * {@code to}.
     */
    @Override
    public List<Reading> range(String query, Instant from, Instant to, Duration step, MetricContext context) {
        return List.of(instant(query, to, context));
    }

    private double read(String path, MetricContext context) throws NoValue {
        JsonPath compiled;
        try {
            compiled = JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage());
            throw new NoValue("the query " + NoValue.quote(path) + " is not a JSONPath such as $.errors.rate: "
                    + lowerFirst(reason));
        }
        String endpoint = context.expand(url);
        Map<String, String> sent = new LinkedHashMap<>();
        headers.forEach((name, value) -> sent.put(name, context.expand(value)));
        HttpGet.Answer answer = HttpGet.get(endpoint, endpoint, sent, timeout);
        String http = "HTTP " + answer.status() + " from " + endpoint;
        if (!answer.ok()) throw new NoValue(http);
        Object value;
        try {
            value = JsonPath.using(Json.PATHS)
                    .parse(JsonBody.parse(answer.body()))
                    .read(compiled);
        } catch (JsonBody.NotJson e) {
            throw new NoValue(http + ", but " + e.getMessage());
        } catch (PathNotFoundException e) {
            throw new NoValue("no " + path + " in the answer from " + endpoint);
        } catch (RuntimeException e) {
            // A function over what is not there ($.a.min() of an empty list), a filter comparing a list: JsonPath
            // fails at run time in many ways, each a reading without a value.
            throw new NoValue(path + " cannot be evaluated on the answer from " + endpoint + ": "
                    + NoValue.cut(lowerFirst(String.valueOf(e.getMessage()))));
        }
        // A path with a filter or wildcard gives a list even when one value matches.
        if (!compiled.isDefinite() && value instanceof JsonNode list && list.isArray()) {
            if (list.size() != 1) {
                throw new NoValue(path + " gives " + list.size() + " values in the answer from " + endpoint
                        + "; expected one number");
            }
            value = list.get(0);
        }
        OptionalDouble number = number(value);
        if (number.isEmpty()) {
            throw new NoValue(path + " is " + shown(value) + " in the answer from " + endpoint + ", not a number");
        }
        return number.getAsDouble();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /** A JSON number, or a string that holds one: some services write "0.021". */
    private static OptionalDouble number(Object value) {
        if (value instanceof JsonNode node) {
            if (node.isNumber()) return OptionalDouble.of(node.doubleValue());
            return node.isTextual() ? NumberText.parse(node.textValue()) : OptionalDouble.empty();
        }
        if (value instanceof Number n) return OptionalDouble.of(n.doubleValue());
        return value instanceof String text ? NumberText.parse(text) : OptionalDouble.empty();
    }

    private static String shown(Object value) {
        if (value instanceof JsonNode node && node.isTextual()) return NoValue.quote(node.textValue());
        if (value instanceof String text) return NoValue.quote(text);
        return NoValue.cut(String.valueOf(value));
    }

    @Override
    public String describe() {
        return "the number at the trigger's JSONPath in GET " + url;
    }
}
