package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.client.ClientError;
import dev.gantry.flags.sdk.client.FlagClient;
import dev.gantry.flags.sdk.client.FlagListener;
import dev.gantry.flags.sdk.client.StateSource;
import dev.gantry.server.api.FlagSwitchRequest;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gantry's own flag client, as an application runs it, following the team server's flags by polling and by stream. */
class FlagClientAgainstServerTest {

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private FlagWriter flags;
    private String token;
    private FlagClient client;
    private Recorder recorder;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir, UnleashApiTest.PLAN);
        flags = new FlagWriter(fixture);
        token = ServerClient.of(fixture.url(), fixture.adminToken())
                .issue(new TokenRequest("checkout-service", List.of("read"), 30))
                .text();
    }

    @AfterEach
    void stop() {
        if (client != null) client.close();
        if (recorder != null) recorder.close();
        fixture.close();
    }

    /** What the client tells, kept for the test to wait on. */
    static final class Heard implements FlagListener {
        final BlockingQueue<StateSource> ready = new LinkedBlockingQueue<>();
        final BlockingQueue<Set<String>> changed = new LinkedBlockingQueue<>();
        final BlockingQueue<ClientError> errors = new LinkedBlockingQueue<>();

        @Override
        public void onReady(StateSource source) {
            ready.add(source);
        }

        @Override
        public void onChanged(Set<String> flags) {
            changed.add(flags);
        }

        @Override
        public void onError(ClientError error) {
            errors.add(error);
        }
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(60, TimeUnit.SECONDS);
        if (value == null) throw new AssertionError("nothing arrived in 60 seconds");
        return value;
    }

    /**
     * A loopback proxy in front of the server that notes the status of each answer to {@code /client/features}: what
     * shows that the client sent its ETag and was answered 304.
     */
    final class Recorder implements AutoCloseable {
        final BlockingQueue<Integer> featureStatuses = new LinkedBlockingQueue<>();
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();

        Recorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void forward(HttpExchange exchange) throws IOException {
            try (exchange) {
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create(fixture.url() + exchange.getRequestURI()))
                        .method(
                                exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(
                                        exchange.getRequestBody().readAllBytes()));
                for (String name : List.of(
                        "Authorization",
                        "If-None-Match",
                        "Content-Type",
                        "UNLEASH-APPNAME",
                        "UNLEASH-INSTANCEID",
                        "UNLEASH-SDK")) {
                    String value = exchange.getRequestHeaders().getFirst(name);
                    if (value != null) request.header(name, value);
                }
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("ETag").ifPresent(tag -> exchange.getResponseHeaders()
                        .set("ETag", tag));
                // Noted before it is answered, so that a test that heard the client react finds it.
                if (exchange.getRequestURI().getPath().endsWith("/client/features"))
                    featureStatuses.add(answer.statusCode());
                byte[] body = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void pollingSendsTheETagIsAnswered304AndFetchesAChangeWhole() throws Exception {
        flags.turn("production", "new-checkout", true);
        recorder = new Recorder();
        Heard heard = new Heard();
        client = FlagClient.builder(URI.create(recorder.url() + "/api/unleash/shop/production"))
                .apiToken(token)
                .appName("checkout-service")
                .environment("production")
                .streaming(false)
                .refreshInterval(Duration.ofMillis(50))
                .build()
                .addListener(heard)
                .start();
        assertThat(next(heard.ready)).isEqualTo(StateSource.SERVER);
        assertThat(client.state()).hasValue(flags.export("production"));
        assertThat(client.isEnabled("new-checkout", FlagContext.ofUser("42"))).isTrue();
        assertThat(next(recorder.featureStatuses)).isEqualTo(200);
        assertThat(next(recorder.featureStatuses))
                .as("the next poll sends the ETag")
                .isEqualTo(304);

        flags.turn("production", "new-checkout", false);
        assertThat(next(heard.changed)).containsExactly("new-checkout");
        assertThat(recorder.featureStatuses).contains(200);
        assertThat(client.isEnabled("new-checkout", FlagContext.ofUser("42"))).isFalse();
        assertThat(client.state()).hasValue(flags.export("production"));
        assertThat(heard.errors).isEmpty();
    }

    /** The client's flags; a state built from the stream names no environment (it is the client's own). */
    private List<dev.gantry.flags.sdk.state.Feature> features() {
        return client.state().orElseThrow().features();
    }

    @Test
    void streamingHydratesAndHearsAChangeMadeOnTheStore() throws Exception {
        Heard heard = new Heard();
        // Polling once an hour: a change seen within the test came by the stream.
        client = FlagClient.builder(URI.create(fixture.url() + "/api/unleash/shop/production"))
                .apiToken(token)
                .appName("checkout-service")
                .environment("production")
                .refreshInterval(Duration.ofHours(1))
                .build()
                .addListener(heard)
                .start();
        assertThat(next(heard.ready)).isEqualTo(StateSource.SERVER);
        assertThat(features()).isEqualTo(flags.export("production").features());
        assertThat(client.isEnabled("pay-kill", FlagContext.ofUser("42"))).isTrue();

        flags.turn("production", "pay-kill", false);
        assertThat(next(heard.changed)).containsExactly("pay-kill");
        assertThat(client.isEnabled("pay-kill", FlagContext.ofUser("42"))).isFalse();
        assertThat(features()).isEqualTo(flags.export("production").features());

        flags.configure(
                "production",
                "search-ranking",
                "{\"name\":\"search-ranking\",\"strategies\":[{\"name\":\"userWithId\",\"parameters\":"
                        + "{\"userIds\":\"42\"}}]}");
        flags.turn("production", "search-ranking", true);
        Set<String> changed = next(heard.changed);
        if (!client.isEnabled("search-ranking", FlagContext.ofUser("42"))) changed = next(heard.changed);
        assertThat(changed).containsExactly("search-ranking");
        assertThat(client.isEnabled("search-ranking", FlagContext.ofUser("42"))).isTrue();
        assertThat(client.isEnabled("search-ranking", FlagContext.ofUser("7"))).isFalse();
        assertThat(heard.errors).isEmpty();
    }

    @Test
    void theClientsUsageMetricsSentAtCloseAreWhatTheServerServesBack() throws Exception {
        flags.configure(
                "production",
                "new-checkout",
                "{\"name\":\"new-checkout\",\"strategies\":[{\"name\":\"default\",\"parameters\":{}}],"
                        + "\"variants\":[{\"name\":\"blue\",\"weight\":1000,\"weightType\":\"variable\","
                        + "\"stickiness\":\"default\"}]}");
        flags.turn("production", "new-checkout", true);
        Heard heard = new Heard();
        Instant start = fixture.clock.instant();
        client = FlagClient.builder(URI.create(fixture.url() + "/api/unleash/shop/production"))
                .apiToken(token)
                .appName("checkout-service")
                .instanceId("checkout-1")
                .environment("production")
                .streaming(false)
                .refreshInterval(Duration.ofHours(1))
                .evaluatorOptions(EvaluatorOptions.system().withClock(fixture.clock))
                .build()
                .addListener(heard)
                .start();
        assertThat(next(heard.ready)).isEqualTo(StateSource.SERVER);
        for (int i = 0; i < 3; i++)
            assertThat(client.isEnabled("new-checkout", FlagContext.ofUser("42")))
                    .isTrue();
        for (int i = 0; i < 2; i++) {
            assertThat(client.variant("new-checkout", FlagContext.ofUser("42")).name())
                    .isEqualTo("blue");
        }
        assertThat(client.evaluate("pay-kill", FlagContext.ofUser("42")).enabled())
                .isTrue();
        for (int i = 0; i < 4; i++)
            assertThat(client.isEnabled("search-ranking", FlagContext.ofUser("42")))
                    .isFalse();
        assertThat(client.isEnabled("not-declared", FlagContext.ofUser("42"))).isFalse();
        fixture.clock.advance(Duration.ofMinutes(1));

        client.close();

        assertThat(heard.errors).isEmpty();
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        fixture.url() + "/api/projects/shop/flag-metrics?environment=production"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
        String window = "\"from\":\"" + start + "\",\"to\":\"" + start.plus(Duration.ofMinutes(1)) + "\"}";
        assertThat(new ObjectMapper().readTree(metrics.body()).toString())
                .isEqualTo(
                        "[{\"environment\":\"production\",\"flag\":\"new-checkout\",\"appName\":\"checkout-service\","
                                + "\"yes\":5,\"no\":0,\"variants\":{\"blue\":2}," + window + ","
                                + "{\"environment\":\"production\",\"flag\":\"pay-kill\",\"appName\":\"checkout-service\","
                                + "\"yes\":1,\"no\":0,\"variants\":{\"disabled\":1}," + window + ","
                                + "{\"environment\":\"production\",\"flag\":\"search-ranking\",\"appName\":\"checkout-service\","
                                + "\"yes\":0,\"no\":4,\"variants\":{}," + window + "]");
    }

    @Test
    void aSwitchThroughTheFlagApiReachesAStreamingClient() throws Exception {
        Heard heard = new Heard();
        client = FlagClient.builder(URI.create(fixture.url() + "/api/unleash/shop/production"))
                .apiToken(token)
                .appName("checkout-service")
                .refreshInterval(Duration.ofHours(1))
                .build()
                .addListener(heard)
                .start();
        assertThat(next(heard.ready)).isEqualTo(StateSource.SERVER);
        assertThat(client.isEnabled("pay-kill", FlagContext.ofUser("42"))).isTrue();
        ServerClient operator = ServerClient.of(
                fixture.url(),
                ServerClient.of(fixture.url(), fixture.adminToken())
                        .issue(new TokenRequest("Ana Lima", List.of("operate"), 30))
                        .text());

        operator.switchFlag("shop", "pay-kill", new FlagSwitchRequest("production", false, "INC-7: payments down"));

        assertThat(next(heard.changed)).containsExactly("pay-kill");
        assertThat(client.isEnabled("pay-kill", FlagContext.ofUser("42"))).isFalse();
        assertThat(heard.errors).isEmpty();
    }
}
