package dev.gantry.notify;

import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.http.HttpFailures;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One notification POSTed with bounded attempts: each attempt has its own timeout, body included. No connection,
 * no answer in time, 429 and 5xx are tried again after a back-off of 1s, 2s, 4s ... (at most 30s, longer when a
 * 429 or 503 asks for it with Retry-After in seconds); other answers are final, redirects included.
 */
final class HttpPost {

    /** An answer, whatever its status. */
    record Answer(int status, String body, Optional<Duration> retryAfter) {}

    /**
     * What to send and where.
     *
     * @param channel the channel's name, for the delivery
     * @param accepted whether an answer means the receiver took the notification
     */
    record Request(
            String channel,
            URI uri,
            Map<String, String> headers,
            byte[] body,
            int attempts,
            Duration timeout,
            Predicate<Answer> accepted) {}

    static final int DEFAULT_ATTEMPTS = 3;
    static final int MAX_ATTEMPTS = 10;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(30);

    private static final int MAX_QUOTED = 100;
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");

    // One client for every channel: each client holds a thread of its own.
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpPost() {}

    static Delivery send(Request request, Pause pause) {
        HttpRequest post;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                    .timeout(request.timeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            post = builder.build();
        } catch (IllegalArgumentException e) {
            return Delivery.failed(request.channel(), OptionalInt.empty(), 0, "not sent: " + e.getMessage());
        }
        Duration backOff = FIRST_BACK_OFF;
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            try {
                answer = once(post, request.timeout());
            } catch (NoAnswer e) {
                if (attempt == request.attempts() || Thread.currentThread().isInterrupted()) {
                    return failed(request, OptionalInt.empty(), attempt, e.getMessage());
                }
                if (!waited(pause, backOff)) return interrupted(request, OptionalInt.empty(), attempt, e.getMessage());
                backOff = longer(backOff);
                continue;
            }
            OptionalInt status = OptionalInt.of(answer.status());
            if (request.accepted().test(answer)) return Delivery.delivered(request.channel(), answer.status(), attempt);
            String refusal = refusal(answer);
            boolean again = answer.status() == 429 || answer.status() >= 500;
            if (!again || attempt == request.attempts()) return failed(request, status, attempt, refusal);
            if (!waited(pause, wait(backOff, answer.retryAfter()))) {
                return interrupted(request, status, attempt, refusal);
            }
            backOff = longer(backOff);
        }
    }

    private static Answer once(HttpRequest post, Duration timeout) throws NoAnswer {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                CLIENT.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request's own timeout ends at the headers; this bounds the body too.
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(
                    response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After").flatMap(HttpPost::seconds));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new NoAnswer("no answer within " + DurationText.of(timeout));
        } catch (ExecutionException e) {
            throw new NoAnswer(
                    e.getCause() instanceof IOException io
                            ? HttpFailures.reason(io, timeout)
                            : String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while sending");
        }
    }

    /** "503", or "400 (invalid_payload)" with the first line of the answer's body. */
    private static String refusal(Answer answer) {
        String said = answer.body().strip().lines().findFirst().orElse("").strip();
        if (said.length() > MAX_QUOTED) said = said.substring(0, MAX_QUOTED) + "...";
        return answer.status() + (said.isEmpty() ? "" : " (" + said + ")");
    }

    private static Optional<Duration> seconds(String retryAfter) {
        String value = retryAfter.strip();
        return SECONDS.matcher(value).matches()
                ? Optional.of(Duration.ofSeconds(Long.parseLong(value)))
                : Optional.empty();
    }

    private static boolean waited(Pause pause, Duration duration) {
        if (Thread.currentThread().isInterrupted()) return false;
        try {
            pause.waitFor(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The back-off, or longer when the receiver asks for it: it knows its load better than the back-off does. The
     * cap keeps a "Retry-After: 3600" from holding up the run.
     */
    private static Duration wait(Duration backOff, Optional<Duration> retryAfter) {
        Duration asked = shorter(retryAfter.orElse(Duration.ZERO), LONGEST_BACK_OFF);
        return asked.compareTo(backOff) > 0 ? asked : backOff;
    }

    private static Duration longer(Duration backOff) {
        return shorter(backOff.multipliedBy(2), LONGEST_BACK_OFF);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Delivery failed(Request request, OptionalInt status, int attempts, String what) {
        return Delivery.failed(
                request.channel(), status, attempts, what + (attempts > 1 ? " after " + attempts + " attempts" : ""));
    }

    private static Delivery interrupted(Request request, OptionalInt status, int attempts, String what) {
        return failed(request, status, attempts, what + ", then interrupted before trying again");
    }

    /** An attempt that got no answer: its reason in words. */
    private static final class NoAnswer extends Exception {
        NoAnswer(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The compact constructors' rule for {@code attempts}: 1 to {@link #MAX_ATTEMPTS}, 3 by default. */
    static int attempts(Integer attempts) {
        if (attempts == null) return DEFAULT_ATTEMPTS;
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new InvalidValue("attempts", "expected 1 to " + MAX_ATTEMPTS + " attempts, got " + attempts);
        }
        return attempts;
    }

    /** The compact constructors' rule for a key that names an environment variable. */
    static String variable(String component, String name, String example) {
        if (name != null && !VARIABLE.matcher(name).matches()) {
            throw new InvalidValue(
                    component,
                    "expected the name of an environment variable such as " + example + ", got \"" + name + "\"");
        }
        return name;
    }

    /** An http or https URL with a host, or why not, without quoting it: it may hold a secret. */
    static Optional<String> urlProblem(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) return Optional.of("not an http or https URL");
            if (uri.getHost() == null) return Optional.of("a URL without a host");
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: " + e.getReason());
        }
    }
}
