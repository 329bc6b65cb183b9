package dev.gantry.analysis;

import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.http.HttpFailures;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** One GET whose timeout bounds the whole answer, body included; a failed exchange is a {@link NoValue}. */
final class HttpGet {

    /** An answer, whatever its status. */
    record Answer(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * A Prometheus answer of one series over the 11,000 points of a range is under 1 MiB, a service's stats page a
     * few KiB; an answer past 8 MiB is a query that matched far more than one series, read no further.
     */
    static final long MAX_BYTES = 8L << 20;

    // One client for every source: a watch asks every few seconds, and each client holds a thread of its own.
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(environment|version)}");

    private HttpGet() {}

    /**
     * Asks {@code uri}; {@code endpoint} names it in problems without its query string, such as "no answer
     * within 10s from http://prometheus:9090/api/v1/query".
     */
    static Answer get(String uri, String endpoint, Map<String, String> headers, Duration timeout) throws NoValue {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(new URI(uri)).timeout(timeout).GET();
            headers.forEach(request::header);
        } catch (URISyntaxException e) {
            throw new NoValue("cannot ask " + endpoint + ": not a URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            // The release's values can make a URL or header the client refuses: "http://{environment}/" with "a_b".
            throw new NoValue("cannot ask " + endpoint + ": " + e.getMessage());
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                CLIENT.sendAsync(request.build(), BoundedBody.handler(MAX_BYTES));
        try {
            // The request's own timeout ends at the headers; this bounds the body too.
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new NoValue("no answer within " + DurationText.of(timeout) + " from " + endpoint);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BoundedBody.TooLarge large) {
                    throw new NoValue("the answer from " + endpoint + " " + large.getMessage());
                }
            }
            String reason = e.getCause() instanceof IOException io
                    ? HttpFailures.reason(io, timeout)
                    : String.valueOf(e.getCause());
            throw new NoValue(reason + " from " + endpoint);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new NoValue("interrupted while asking " + endpoint);
        }
    }

    /** The compact constructors' rule for a URL: http or https with a host, {environment} and {version} allowed. */
    static String checkUrl(String url, String example) {
        String expected = "expected an http or https URL such as " + example + ", got \"" + url + "\"";
        if (url == null || url.isBlank()) throw new InvalidValue("url", expected);
        try {
            URI uri = new URI(PLACEHOLDER.matcher(url).replaceAll("x"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidValue("url", expected);
            }
        } catch (URISyntaxException e) {
            throw new InvalidValue("url", expected + ": " + e.getReason());
        }
        return url;
    }

    /** The headers in name order, each one the client would send. */
    static Map<String, String> checkHeaders(Map<String, String> headers) {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers == null) return Map.of();
        headers.forEach((name, value) -> {
            try {
                HttpRequest.newBuilder().header(name, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue("headers", "cannot send header \"" + name + "\": " + e.getMessage());
            }
            // Header names ignore case: "accept" and "Accept" would be sent as two values of one header.
            if (sorted.put(name, value) != null) {
                throw new InvalidValue("headers", "header \"" + name + "\" is given twice, in different cases");
            }
        });
        return Collections.unmodifiableMap(sorted);
    }
}
