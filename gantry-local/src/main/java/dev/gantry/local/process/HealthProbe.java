package dev.gantry.local.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks an instance's health URL once; says what it answered, for the error when it never answers 200. */
final class HealthProbe {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(ASK_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** Null when the instance answered 200, else what happened instead. */
    String problem(URI url) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(url).timeout(ASK_TIMEOUT).GET().build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "it answered HTTP " + status;
        } catch (IOException e) {
            String message = e.getMessage();
            return message == null || message.isBlank()
                    ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + message;
        }
    }
}
