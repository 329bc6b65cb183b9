package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.http.HttpFailures;
import dev.gantry.http.JsonBody;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * An HTTP endpoint, such as a health check: met when it answers with the expected status, within the latency
 * limit and, when asked, with the expected value at a JSON path. An endpoint that cannot be reached, does not
 * answer in time or answers something other than JSON where JSON is asked for is an error.
 */
@Doc("An HTTP endpoint answers with the expected status, in time, and with the expected value in its JSON")
public record HttpCheck(
        @Required
                @Doc("The http or https URL, with {version}, {tag}, {environment} and {commit} replaced, such as"
                        + " https://{environment}.example.com/health; redirects are not followed")
                String url,
        @Doc("The request method, sent without a body; GET by default") String method,
        @Doc("The status code that means met; any 2xx by default") Integer expectStatus,
        @Doc("The longest the answer may take, body included, such as 2s") Duration maxLatency,
        @Doc("A JSONPath into the answer's body, such as $.status; give expect with it") String jsonPath,
        @Doc("The text the value at jsonPath must equal, such as UP or {version}; objects and lists compare as JSON")
                String expect,
        @Doc("Request headers by name; {version}, {tag}, {environment} and {commit} in values are replaced")
                Map<String, String> headers,
        @Doc("How long to wait for the whole answer; 10s by default") Duration timeout)
        implements Check {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(version|tag|environment|commit)}");
    private static final int BODY_LINES = 5;
    private static final int MAX_QUOTED = 200;

    /**
     * Made when a check first reads a body, not when a plan is read: its Jackson mappers take longer to start than
     * the rest of reading the plan, and most commands only read the plan.
     */
    private static final class Json {
        static final Configuration PATHS = Configuration.builder()
                .jsonProvider(new JacksonJsonNodeJsonProvider())
                .mappingProvider(new JacksonMappingProvider())
                .build();
    }

    public HttpCheck {
        checkUrl(url);
        if (method == null) method = "GET";
        if (!METHOD.matcher(method).matches()) {
            throw new InvalidValue("method", "expected a method such as GET or HEAD, got \"" + method + "\"");
        }
        method = method.toUpperCase(Locale.ROOT);
        if (expectStatus != null && (expectStatus < 100 || expectStatus > 599)) {
            throw new InvalidValue("expectStatus", "expected a status code from 100 to 599, got " + expectStatus);
        }
        if (maxLatency != null) maxLatency = DurationText.positive("maxLatency", maxLatency, null);
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
        if ((jsonPath == null) != (expect == null)) {
            throw new IllegalArgumentException("give jsonPath and expect together: the value at the path and its text");
        }
        if (jsonPath != null) checkJsonPath(jsonPath);
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        headers.forEach(HttpCheck::checkHeader);
    }

    private static void checkUrl(String url) {
        String example = "expected an http or https URL such as https://{environment}.example.com/health, got \"";
        if (url == null || url.isBlank()) throw new InvalidValue("url", example + url + "\"");
        try {
            URI uri = new URI(PLACEHOLDER.matcher(url).replaceAll("x"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidValue("url", example + url + "\"");
            }
        } catch (URISyntaxException e) {
            throw new InvalidValue("url", example + url + "\": " + e.getReason());
        }
    }

    private static void checkJsonPath(String path) {
        try {
            JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new InvalidValue(
                    "jsonPath", "expected a JSONPath such as $.status, got \"" + path + "\": " + e.getMessage());
        }
    }

    private static void checkHeader(String name, String value) {
        try {
            HttpRequest.newBuilder().header(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("headers", "cannot send header \"" + name + "\": " + e.getMessage());
        }
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        String target = context.expand(url);
        String asked = method + " " + target;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(new URI(target))
                    .timeout(timeout)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach((name, value) -> request.header(name, context.expand(value)));
        } catch (URISyntaxException e) {
            return CheckResult.error(asked + ": not a URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            // The release's values can make a URL or header the client refuses: "http://{environment}/" with "a_b".
            return CheckResult.error(asked + ": cannot send this request: " + e.getMessage());
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request's own timeout ends at the headers; this bounds the body too.
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return CheckResult.error(asked + ": no answer within " + DurationText.of(timeout));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                return CheckResult.error(asked + ": " + HttpFailures.reason(io, timeout));
            }
            return CheckResult.error(asked + ": " + e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return CheckResult.error(asked + ": the check was interrupted");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return judge(asked, response.statusCode(), response.body(), millis, context);
    }

    /** The answer against the expectations: apart from the exchange, so that a slow answer needs no slow server. */
    CheckResult judge(String asked, int status, byte[] body, long millis, CheckContext context) {
        String answered = asked + " → " + status + " in " + millis + " ms";
        Map<String, Object> facts = new TreeMap<>();
        facts.put("status", status);
        facts.put("latencyMillis", millis);
        facts.put("bodyBytes", body.length);
        List<String> problems = new ArrayList<>();
        boolean statusOk = expectStatus != null ? status == expectStatus : status >= 200 && status < 300;
        if (!statusOk) problems.add("expected " + (expectStatus != null ? expectStatus : "2xx"));
        if (statusOk && jsonPath != null) {
            JsonNode json;
            try {
                json = JsonBody.parse(body);
            } catch (JsonBody.NotJson e) {
                return CheckResult.error(answered + ", but " + e.getMessage())
                        .withDetails(bodyLines(body))
                        .withFacts(facts);
            }
            String wanted = context.expand(expect);
            try {
                String value = text(JsonPath.using(Json.PATHS).parse(json).read(jsonPath));
                answered += ", " + jsonPath + " = " + quote(value);
                if (!value.equals(wanted)) problems.add("expected " + quote(wanted));
            } catch (PathNotFoundException e) {
                answered += ", no " + jsonPath;
                problems.add("expected " + quote(wanted));
            }
        }
        if (maxLatency != null && millis > maxLatency.toMillis()) {
            problems.add("slower than " + DurationText.of(maxLatency));
        }
        if (problems.isEmpty()) return CheckResult.met(answered).withFacts(facts);
        return CheckResult.unmet(answered + ", " + String.join(", ", problems))
                .withDetails(statusOk ? List.of() : bodyLines(body))
                .withFacts(facts);
    }

    /** The value as text: strings as they are, numbers and booleans as written, objects and lists as JSON. */
    private static String text(Object value) {
        if (value instanceof JsonNode node) return node.isTextual() ? node.textValue() : node.toString();
        return String.valueOf(value);
    }

    /** The first lines of a body, for the reader of an unexpected answer. */
    private static List<String> bodyLines(byte[] body) {
        List<String> lines = new ArrayList<>();
        new String(body, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .limit(BODY_LINES)
                .forEach(line -> lines.add("body: " + cut(line.strip())));
        return lines;
    }

    private static String quote(String text) {
        return "\"" + cut(text) + "\"";
    }

    private static String cut(String text) {
        return text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(method + " " + url + " answers ");
        text.append(expectStatus != null ? expectStatus : "2xx");
        if (jsonPath != null)
            text.append(" with ").append(jsonPath).append(" = ").append(quote(expect));
        if (maxLatency != null) text.append(" within ").append(DurationText.of(maxLatency));
        return text.toString();
    }
}
