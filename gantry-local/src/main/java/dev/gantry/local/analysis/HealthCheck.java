package dev.gantry.local.analysis;

import dev.gantry.local.proxy.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Asks every instance its health path at once; an instance that refuses, fails or is slow is not healthy. */
final class HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HealthCheck() {}

    /** How many of {@code instances} answer 200 on {@code path}. */
    static long answering(List<HostPort> instances, String path) {
        List<CompletableFuture<Boolean>> answers = instances.stream()
                .map(instance -> HTTP.sendAsync(
                                HttpRequest.newBuilder(URI.create("http://" + instance + path))
                                        .timeout(TIMEOUT)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .thenApply(response -> response.statusCode() == 200)
                        .exceptionally(failure -> false))
                .toList();
        return answers.stream().filter(CompletableFuture::join).count();
    }
}
