package dev.gantry.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A keep-alive HTTP/1.1 client for loopback servers, and what tests read from the demo service's answers. */
public final class Http {

    private static final Pattern VERSION = Pattern.compile("\"version\":\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public record Answer(int status, String body) {
        /** The version the demo service named in the body, or "-" for an answer that names none. */
        public String version() {
            Matcher m = VERSION.matcher(body);
            return m.find() ? m.group(1) : "-";
        }
    }

    public Answer get(int port, String path) {
        return get(port, path, Map.of());
    }

    public Answer get(int port, String path, Map<String, String> headers) {
        try {
            HttpResponse<String> response =
                    client.send(request(port, path, headers), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CompletableFuture<Answer> getAsync(int port, String path) {
        return client.sendAsync(request(port, path, Map.of()), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.body()));
    }

    private static HttpRequest request(int port, String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder.GET().build();
    }
}
