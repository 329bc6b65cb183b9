package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.binding.DurationText;
import dev.gantry.http.HttpFailures;
import dev.gantry.http.JsonBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads lists from GitHub's REST API, every page of them, within one time limit for all requests. Any answer
 * but a JSON 200 is a {@link Failure} naming the endpoint and the status, never an empty list.
 */
final class GitHubApi {

    /** The API did not answer the question; the message names the endpoint and what went wrong. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** One page of a list and the address it came from. */
    record Page(URI uri, JsonNode body) {}

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    // 100 pages of 100 entries: far more check runs than a commit has, yet an end to a server that never stops.
    private static final int MAX_PAGES = 100;

    private final URI base;
    private final Optional<String> token;
    private final String tokenVariable;
    private final Duration timeout;
    private final long deadline;
    private final HttpClient client;

    /** @param base the API's root, such as https://api.github.com, without a trailing slash */
    GitHubApi(URI base, Optional<String> token, String tokenVariable, Duration timeout) {
        this.base = base;
        this.token = token;
        this.tokenVariable = tokenVariable;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        // Redirects are not followed: the client would send the token on to wherever they point.
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Every page of the list at {@code path} (from the API's root), following the Link header's next page. */
    List<Page> pages(String path) throws Failure, InterruptedException {
        List<Page> pages = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI next = URI.create(base + path);
        while (next != null) {
            if (!seen.add(next)) throw new Failure("GET " + next + ": the next page link points back to a page read");
            if (pages.size() == MAX_PAGES)
                throw new Failure("GET " + base + path + ": more than " + MAX_PAGES + " pages");
            HttpResponse<byte[]> response = get(next);
            try {
                pages.add(new Page(next, JsonBody.parse(response.body())));
            } catch (JsonBody.NotJson e) {
                throw new Failure("GET " + next + " answered 200, but " + e.getMessage());
            }
            next = nextPage(next, response);
        }
        return pages;
    }

    private HttpResponse<byte[]> get(URI uri) throws Failure, InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new Failure("GET " + uri + ": no answer within " + DurationText.of(timeout));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(left))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response;
        try {
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .get(left, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new Failure("GET " + uri + ": no answer within " + DurationText.of(timeout));
        } catch (java.util.concurrent.ExecutionException e) {
            String reason = e.getCause() instanceof IOException io
                    ? HttpFailures.reason(io, timeout)
                    : String.valueOf(e.getCause());
            throw new Failure("GET " + uri + ": " + reason);
        }
        if (response.statusCode() != 200) throw new Failure("GET " + uri + " answered " + refusal(response));
        return response;
    }

    /** The status and what it means, with GitHub's own message when it sent one. */
    private String refusal(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String said = githubMessage(response).map(m -> ": " + m).orElse("");
        boolean limited = response.headers()
                .firstValue("x-ratelimit-remaining")
                .map(String::strip)
                .filter("0"::equals)
                .isPresent();
        if ((status == 403 || status == 429) && limited) {
            String reset = response.headers()
                    .firstValue("x-ratelimit-reset")
                    .flatMap(GitHubApi::epochSeconds)
                    .map(at -> ", it resets at " + at)
                    .orElse("");
            String hint = token.isEmpty() ? "; a token in " + tokenVariable + " has a higher limit" : "";
            return status + ": the API rate limit was hit" + reset + hint;
        }
        if (status == 401) {
            return status + said + (token.isPresent() ? " (the token in " + tokenVariable + " was refused)" : "");
        }
        if (status == 404) {
            String hint = token.isPresent()
                    ? " (is the repository right, and may the token in " + tokenVariable + " read it?)"
                    : " (a private repository needs a token in " + tokenVariable + ")";
            return status + said + hint;
        }
        if (status >= 300 && status < 400) {
            return status
                    + response.headers()
                            .firstValue("location")
                            .map(l -> ", moved to " + l)
                            .orElse("")
                    + said;
        }
        return status + said;
    }

    private static Optional<String> githubMessage(HttpResponse<byte[]> response) {
        try {
            JsonNode message = JsonBody.parse(response.body()).path("message");
            return message.isTextual() && !message.textValue().isBlank()
                    ? Optional.of(message.textValue().strip())
                    : Optional.empty();
        } catch (JsonBody.NotJson e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epochSeconds(String text) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.strip())));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The Link header's next page; only on the API's own host, where the token may go. */
    private URI nextPage(URI current, HttpResponse<byte[]> response) throws Failure {
        for (String link : response.headers().allValues("link")) {
            Matcher m = NEXT.matcher(link);
            if (!m.find()) continue;
            URI next;
            try {
                next = current.resolve(m.group(1).strip());
            } catch (IllegalArgumentException e) {
                throw new Failure("GET " + current + ": the next page link is not a URL: " + m.group(1));
            }
            if (!sameOrigin(next, base)) {
                throw new Failure("GET " + current + ": the next page is on " + next.getHost()
                        + ", not on the API's host " + base.getHost());
            }
            return next;
        }
        return null;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && a.getPort() == b.getPort();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
