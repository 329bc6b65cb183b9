package dev.gantry.flags.openfeature;

import static dev.gantry.flags.sdk.client.Documents.features;
import static dev.gantry.flags.sdk.client.Documents.flag;
import static dev.gantry.flags.sdk.client.Documents.flagWithPayload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.client.FlagClient;
import dev.gantry.flags.sdk.client.UnleashTestServer;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Value;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Through OpenFeature's own API, against a loopback server that speaks Unleash's client API. */
class GantryFlagsProviderTest {

    /** Only on for user 42 in Germany: a flexible rollout with two constraints, as Unleash writes it. */
    private static final String BETA =
            "{\"name\":\"beta\",\"type\":\"release\",\"enabled\":true,\"project\":\"default\","
                    + "\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":{\"groupId\":\"beta\",\"rollout\":\"100\","
                    + "\"stickiness\":\"default\"},\"constraints\":["
                    + "{\"contextName\":\"userId\",\"operator\":\"IN\",\"values\":[\"42\"],\"caseInsensitive\":false,"
                    + "\"inverted\":false},"
                    + "{\"contextName\":\"country\",\"operator\":\"IN\",\"values\":[\"de\"],\"caseInsensitive\":false,"
                    + "\"inverted\":false}],\"variants\":[]}],\"variants\":[],\"dependencies\":[]}";

    private final String domain = "test-" + UUID.randomUUID();

    @AfterEach
    void shutDown() {
        OpenFeatureAPI.getInstance().getProvider(domain).shutdown();
    }

    private static FlagClient client(URI url) {
        return FlagClient.builder(url)
                .apiToken(UnleashTestServer.TOKEN)
                .appName("checkout-service")
                .streaming(false)
                .refreshInterval(Duration.ofMillis(20))
                .staleAfter(2)
                .build();
    }

    private Client openFeature(FlagClient client, Duration readyTimeout) {
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new GantryFlagsProvider(client, readyTimeout));
        return OpenFeatureAPI.getInstance().getClient(domain);
    }

    @Test
    void evaluatesEveryTypeWithReasonsVariantsAndErrorCodes() throws Exception {
        try (var server = new UnleashTestServer(features(
                flag("checkout", true),
                flag("legacy", false),
                BETA,
                flagWithPayload("banner", "blue", "string", "blue banner"),
                flagWithPayload("limit", "ten", "number", "10"),
                flagWithPayload("ratio", "half", "number", "0.5"),
                flagWithPayload("theme", "dark", "json", "{\"color\":\"#000\",\"sizes\":[1,2]}"),
                flagWithPayload("broken", "bad", "json", "{\"color\":")))) {
            Client flags = openFeature(client(server.url()), Duration.ofSeconds(30));
            assertThat(flags.getProviderState()).isEqualTo(ProviderState.READY);

            var on = flags.getBooleanDetails("checkout", false);
            assertThat(on.getValue()).isTrue();
            assertThat(on.getReason()).isEqualTo("TARGETING_MATCH");
            assertThat(on.getFlagMetadata().getString("reason")).isEqualTo("strategies[0] (flexibleRollout) matched");

            var off = flags.getBooleanDetails("legacy", true);
            assertThat(off.getValue()).isFalse();
            assertThat(off.getReason()).isEqualTo("DISABLED");

            var missing = flags.getBooleanDetails("nowhere", true);
            assertThat(missing.getValue()).isTrue();
            assertThat(missing.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
            assertThat(missing.getReason()).isEqualTo("ERROR");

            var beta = new ImmutableContext("42", Map.of("country", new Value("de")));
            assertThat(flags.getBooleanDetails("beta", false, beta).getReason()).isEqualTo("TARGETING_MATCH");
            var elsewhere = flags.getBooleanDetails(
                    "beta", false, new ImmutableContext("42", Map.of("country", new Value("fr"))));
            assertThat(elsewhere.getValue()).isFalse();
            assertThat(elsewhere.getReason()).isEqualTo("DEFAULT");
            assertThat(elsewhere.getFlagMetadata().getString("reason")).contains("country IN");

            FlagEvaluationDetails<String> banner = flags.getStringDetails("banner", "none");
            assertThat(banner.getValue()).isEqualTo("blue banner");
            assertThat(banner.getVariant()).isEqualTo("blue");
            assertThat(banner.getReason()).isEqualTo("TARGETING_MATCH");
            assertThat(flags.getIntegerValue("limit", 0)).isEqualTo(10);
            assertThat(flags.getDoubleValue("ratio", 0.0)).isEqualTo(0.5);
            Value theme = flags.getObjectValue("theme", new Value());
            assertThat(theme.asStructure().getValue("color").asString()).isEqualTo("#000");
            assertThat(theme.asStructure().getValue("sizes").asList())
                    .extracting(Value::asInteger)
                    .containsExactly(1, 2);

            var wrongType = flags.getIntegerDetails("banner", 7);
            assertThat(wrongType.getValue()).isEqualTo(7);
            assertThat(wrongType.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
            assertThat(wrongType.getErrorMessage()).contains("carries a string payload, asked for an integer");
            assertThat(flags.getIntegerDetails("ratio", 7).getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
            assertThat(flags.getStringDetails("checkout", "none").getValue()).isEqualTo("none");
            assertThat(flags.getStringDetails("checkout", "none").getReason()).isEqualTo("DEFAULT");
            assertThat(flags.getStringDetails("legacy", "none").getReason()).isEqualTo("DISABLED");

            var broken = flags.getObjectDetails("broken", new Value("fallback"));
            assertThat(broken.getValue().asString()).isEqualTo("fallback");
            assertThat(broken.getErrorCode()).isEqualTo(ErrorCode.PARSE_ERROR);
        }
    }

    @Test
    void clientNewsBecomesProviderEvents() throws Exception {
        BlockingQueue<EventDetails> changed = new LinkedBlockingQueue<>();
        BlockingQueue<EventDetails> errors = new LinkedBlockingQueue<>();
        BlockingQueue<EventDetails> stale = new LinkedBlockingQueue<>();
        BlockingQueue<EventDetails> ready = new LinkedBlockingQueue<>();
        try (var server = new UnleashTestServer(features(flag("checkout", true), flag("search", true)))) {
            Client flags = openFeature(client(server.url()), Duration.ofSeconds(30));
            flags.onProviderConfigurationChanged(changed::add);
            flags.onProviderError(errors::add);
            flags.onProviderStale(stale::add);

            server.setFeatures(features(flag("checkout", false), flag("search", true)));
            assertThat(next(changed).getFlagsChanged()).containsExactly("checkout");
            assertThat(flags.getBooleanValue("checkout", true)).isFalse();

            server.answerFeaturesWith("{\"version\":2,\"features\":[{\"name\":\"checkout\"}]}");
            EventDetails error = next(errors);
            // OpenFeature 1.18 passes handlers the message and flags, not the error code the provider emits.
            assertThat(error.getMessage()).contains("INVALID_ANSWER", "features[0]: missing \"enabled\"");
            assertThat(next(stale).getMessage()).isEqualTo("no answer from the server for 2 refreshes");
            assertThat(flags.getBooleanValue("checkout", true)).isFalse();

            flags.onProviderReady(ready::add);
            server.setFeatures(features(flag("checkout", true), flag("search", true)));
            assertThat(next(ready).getMessage()).isEqualTo("flag state from server");
            assertThat(flags.getProviderState()).isEqualTo(ProviderState.READY);
            assertThat(flags.getBooleanValue("checkout", false)).isTrue();
        }
    }

    @Test
    void withoutAnyStateEvaluationsSayTheProviderIsNotReady() throws Exception {
        URI down;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api");
        }
        Client flags;
        try {
            flags = openFeature(client(down), Duration.ofMillis(50));
        } catch (RuntimeException refused) {
            flags = OpenFeatureAPI.getInstance().getClient(domain);
        }
        var details = flags.getBooleanDetails("checkout", true);
        assertThat(details.getValue()).isTrue();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
        assertThat(details.getReason()).isEqualTo("ERROR");
    }

    private static EventDetails next(BlockingQueue<EventDetails> queue) throws InterruptedException {
        EventDetails details = queue.poll(30, TimeUnit.SECONDS);
        if (details == null) {
            throw new AssertionError("no event in 30 seconds");
        }
        return details;
    }
}
