package dev.gantry.flags.sdk.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Unleash's client API as backend SDKs call it: {@code GET /client/features} with ETag, {@code POST /client/register},
 * {@code POST /client/metrics} and {@code GET /client/streaming}, each with the token in {@code Authorization} and the application in the
 * {@code UNLEASH-*} headers.
 */
final class UnleashHttp {

    /** The answer of a poll: a new document with its ETag, or the server saying the one held is current. */
    sealed interface Fetch {}

    record Fetched(String body, Optional<String> etag) implements Fetch {}

    record NotModified() implements Fetch {}

    private final FlagClientOptions options;
    private final HttpClient http;

    UnleashHttp(FlagClientOptions options, HttpClient http) {
        this.options = options;
        this.http = http;
    }

    Fetch features(Optional<String> etag) throws ServerFailure {
        HttpRequest.Builder request = request("/client/features").GET();
        etag.ifPresent(tag -> request.header("If-None-Match", tag));
        HttpResponse<byte[]> response = exchange(request.build(), "GET /client/features");
        if (response.statusCode() == 304) {
            return new NotModified();
        }
        if (response.statusCode() != 200) {
            throw status("GET /client/features", response.statusCode());
        }
        return new Fetched(
                new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("ETag"));
    }

    void register(Instant started) throws ServerFailure {
        String json = "{\"appName\":" + quote(options.appName())
                + ",\"instanceId\":" + quote(options.instanceId())
                + ",\"connectionId\":" + quote(options.connectionId())
                + ",\"sdkVersion\":" + quote(FlagClientOptions.SDK_VERSION)
                + ",\"strategies\":[\"default\",\"userWithId\",\"gradualRolloutUserId\",\"gradualRolloutSessionId\","
                + "\"gradualRolloutRandom\",\"remoteAddress\",\"flexibleRollout\",\"applicationHostname\"]"
                + ",\"started\":" + quote(started.toString())
                + ",\"interval\":" + options.refreshInterval().toMillis()
                + options.environment()
                        .map(env -> ",\"environment\":" + quote(env))
                        .orElse("")
                + ",\"platformName\":\"java\",\"platformVersion\":"
                + quote(Runtime.version().toString())
                + "}";
        HttpRequest request = request("/client/register")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = exchange(request, "POST /client/register");
        if (response.statusCode() / 100 != 2) {
            throw status("POST /client/register", response.statusCode());
        }
    }

    /** Sends one bucket of counts, with the application and instance as Unleash's {@code clientMetricsSchema} has. */
    void metrics(MetricsBucket bucket) throws ServerFailure {
        String json = "{\"appName\":" + quote(options.appName())
                + ",\"instanceId\":" + quote(options.instanceId())
                + ",\"sdkVersion\":" + quote(FlagClientOptions.SDK_VERSION)
                + options.environment()
                        .map(env -> ",\"environment\":" + quote(env))
                        .orElse("")
                + ",\"platformName\":\"java\",\"platformVersion\":"
                + quote(Runtime.version().toString())
                + ",\"bucket\":" + bucket.json()
                + "}";
        HttpRequest request = request("/client/metrics")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response = exchange(request, "POST /client/metrics");
        if (response.statusCode() / 100 != 2) {
            throw status("POST /client/metrics", response.statusCode());
        }
    }

    /** One request and its whole answer, within the request timeout and the size limit. */
    private HttpResponse<byte[]> exchange(HttpRequest request, String what) throws ServerFailure {
        int limit = options.limits().maxChars();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, info -> new BoundedBody(limit));
        try {
            return pending.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ServerFailure(new ClientError(
                    ClientError.Kind.UNREACHABLE,
                    what + " at " + options.url() + ": no complete answer within "
                            + options.requestTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw unreachable(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof IOException && cause.getCause() instanceof BoundedBody.TooLarge) {
                cause = cause.getCause();
            }
            if (cause instanceof BoundedBody.TooLarge) {
                throw new ServerFailure(
                        new ClientError(ClientError.Kind.INVALID_ANSWER, what + ": " + cause.getMessage()));
            }
            throw unreachable(what, cause instanceof Exception ex ? ex : e);
        }
    }

    /**
     * Opens the stream: {@code body} is given the bytes of a 200 answer as they arrive, on the HTTP client's threads.
     * The future completes once the answer's head is in; {@link #refusal} says what it means. Cancelling it gives up
     * on an answer whose head has not come.
     */
    CompletableFuture<HttpResponse<Void>> stream(HttpResponse.BodySubscriber<Void> body) {
        HttpRequest request = request("/client/streaming")
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        return http.sendAsync(
                request, info -> info.statusCode() == 200 ? body : HttpResponse.BodySubscribers.<Void>replacing(null));
    }

    /** Why a stream's answer brings no events: any status but 200, or a server that could not be reached. */
    Optional<ClientError> refusal(HttpResponse<Void> response, Throwable failure) {
        String what = "GET /client/streaming";
        if (failure != null) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return Optional.of(unreachable(what, cause instanceof Exception e ? e : new IOException(cause))
                    .error());
        }
        if (response.statusCode() != 200) {
            return Optional.of(status(what, response.statusCode()).error());
        }
        return Optional.empty();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(options.url() + path))
                .header("Authorization", options.apiToken())
                .header("UNLEASH-APPNAME", options.appName())
                .header("UNLEASH-INSTANCEID", options.instanceId())
                .header("UNLEASH-CONNECTION-ID", options.connectionId())
                .header("UNLEASH-SDK", FlagClientOptions.SDK_VERSION);
    }

    private ServerFailure status(String what, int status) {
        return new ServerFailure(
                new ClientError(ClientError.Kind.HTTP_STATUS, what + " at " + options.url() + ": status " + status));
    }

    private ServerFailure unreachable(String what, Exception e) {
        return new ServerFailure(new ClientError(
                ClientError.Kind.UNREACHABLE,
                what + " at " + options.url() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
