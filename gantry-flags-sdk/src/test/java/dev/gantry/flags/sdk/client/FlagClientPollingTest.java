package dev.gantry.flags.sdk.client;

import static dev.gantry.flags.sdk.client.Documents.features;
import static dev.gantry.flags.sdk.client.Documents.flag;
import static dev.gantry.flags.sdk.client.RecordingListener.first;
import static dev.gantry.flags.sdk.client.RecordingListener.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.Reason;
import dev.gantry.flags.sdk.json.JsonLimits;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagClientPollingTest {

    private static FlagClientBuilder polling(URI url) {
        return FlagClient.builder(url)
                .apiToken(UnleashTestServer.TOKEN)
                .appName("checkout-service")
                .instanceId("checkout-1")
                .environment("production")
                .streaming(false)
                .refreshInterval(Duration.ofMillis(20));
    }

    @Test
    void pollsWithTheUnleashHeadersAndKeepsTheStateOn304(@TempDir Path dir) throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = polling(server.url())
                        .stateFile(dir.resolve("flags.json"))
                        .build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();

            assertThat(next(listener.ready)).isEqualTo(StateSource.SERVER);
            assertThat(client.isEnabled("checkout", FlagContext.ofUser("42"))).isTrue();
            assertThat(UnleashTestServer.await(server.featureRequests, 3)).isTrue();

            List<UnleashTestServer.Seen> polls = server.requests.stream()
                    .filter(r -> r.path().equals("/api/client/features"))
                    .toList();
            var firstPoll = polls.get(0);
            assertThat(firstPoll.status()).isEqualTo(200);
            assertThat(firstPoll.headers().getFirst("Authorization")).isEqualTo(UnleashTestServer.TOKEN);
            assertThat(firstPoll.headers().getFirst("UNLEASH-APPNAME")).isEqualTo("checkout-service");
            assertThat(firstPoll.headers().getFirst("UNLEASH-INSTANCEID")).isEqualTo("checkout-1");
            assertThat(firstPoll.headers().getFirst("UNLEASH-CONNECTION-ID"))
                    .isEqualTo(client.options().connectionId());
            assertThat(firstPoll.headers().getFirst("UNLEASH-SDK")).startsWith("gantry-flags-sdk:");
            assertThat(firstPoll.headers().getFirst("If-None-Match")).isNull();
            assertThat(polls.get(1).headers().getFirst("If-None-Match")).isEqualTo("\"76d8bb0e:1\"");
            assertThat(polls.get(1).status()).isEqualTo(304);
            assertThat(polls.get(2).status()).isEqualTo(304);
            assertThat(listener.changed).isEmpty();
            assertThat(listener.errors).isEmpty();
            assertThat(client.isEnabled("checkout", FlagContext.ofUser("42"))).isTrue();

            var register = server.requests.stream()
                    .filter(r -> r.path().equals("/api/client/register"))
                    .findFirst()
                    .orElseThrow();
            assertThat(register.body())
                    .contains(
                            "\"appName\":\"checkout-service\"",
                            "\"instanceId\":\"checkout-1\"",
                            "\"interval\":20",
                            "\"strategies\":[\"default\",",
                            "\"started\":")
                    .doesNotContain(UnleashTestServer.TOKEN);
        }
    }

    @Test
    void aChangedDocumentNamesTheFlagsThatChangedAndIsWrittenToDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/flags.json");
        try (var server = new UnleashTestServer(features(flag("checkout", true), flag("search", false)));
                var client = polling(server.url()).stateFile(file).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);

            server.setFeatures(features(flag("checkout", false), flag("search", false), flag("export", true)));

            assertThat(next(listener.changed)).isEqualTo(Set.of("checkout", "export"));
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isFalse();
            assertThat(client.isEnabled("export", FlagContext.EMPTY)).isTrue();
            assertThat(Files.readString(file)).contains("\"name\":\"export\"");
            try (var stream = Files.list(file.getParent())) {
                assertThat(stream.map(p -> p.getFileName().toString())).containsExactly("flags.json");
            }
        }
    }

    @Test
    void aGarbageAnswerKeepsTheLastGoodStateAndIsReported() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = polling(server.url()).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);

            server.answerFeaturesWith("<html>502 Bad Gateway</html>");

            ClientError error = next(listener.errors);
            assertThat(error.kind()).isEqualTo(ClientError.Kind.INVALID_ANSWER);
            assertThat(error.message()).contains("GET /client/features", "1:1: $: unexpected '<'");
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();

            server.setFeatures(features(flag("checkout", false)));
            assertThat(first(listener.ready, s -> true)).isEqualTo(StateSource.SERVER);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isFalse();
        }
    }

    @Test
    void aWrongTokenIsReportedWithItsStatusAndNeverPrinted() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = polling(server.url())
                        .apiToken("default:production.wrong-secret")
                        .build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();

            ClientError error = first(listener.errors, e -> e.message().contains("/client/features"));
            assertThat(error.kind()).isEqualTo(ClientError.Kind.HTTP_STATUS);
            assertThat(error.message()).endsWith("status 401").doesNotContain("wrong-secret");
            assertThat(client.options().toString()).doesNotContain("wrong-secret");
            assertThat(client.evaluate("checkout", FlagContext.EMPTY).reason()).isInstanceOf(Reason.NoState.class);
        }
    }

    @Test
    void aRefusedRegistrationIsReportedAndTheNextAnswerMakesTheClientReadyAgain() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", false)))) {
            server.registerStatus(404);
            try (var client = polling(server.url())
                    .bootstrap(features(flag("checkout", true)))
                    .build()) {
                var listener = new RecordingListener();
                client.addListener(listener).start();

                assertThat(next(listener.ready)).isEqualTo(StateSource.BOOTSTRAP);
                ClientError refused = next(listener.errors);
                assertThat(refused.kind()).isEqualTo(ClientError.Kind.HTTP_STATUS);
                assertThat(refused.message()).contains("POST /client/register", "status 404");
                assertThat(next(listener.ready)).isEqualTo(StateSource.SERVER);
                assertThat(next(listener.changed)).isEqualTo(Set.of("checkout"));
            }
        }
    }

    @Test
    void aServerDownAtStartLeavesTheLastKnownStateAndGoesStale(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flags.json");
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = polling(server.url()).stateFile(file).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
        }
        URI down = deadAddress();
        try (var client = polling(down).stateFile(file).staleAfter(3).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();

            assertThat(client.ready()).isTrue();
            assertThat(next(listener.ready)).isEqualTo(StateSource.DISK);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
            assertThat(next(listener.stale)).isEqualTo(3);
            assertThat(first(listener.errors, e -> e.message().contains("/client/features"))
                            .kind())
                    .isEqualTo(ClientError.Kind.UNREACHABLE);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
        }
    }

    @Test
    void aBootstrapIsUsedWhenThereIsNoLastKnownState(@TempDir Path dir) throws Exception {
        try (var client = polling(deadAddress())
                .stateFile(dir.resolve("none-yet.json"))
                .bootstrap(features(flag("checkout", true)))
                .build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            assertThat(next(listener.ready)).isEqualTo(StateSource.BOOTSTRAP);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
        }
    }

    @Test
    void aDocumentOverTheSizeLimitIsRefused() throws Exception {
        String big = features(flag("checkout", true), flag("x".repeat(4000), true));
        try (var server = new UnleashTestServer(big);
                var client =
                        polling(server.url()).limits(new JsonLimits(2000, 64)).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            ClientError error = first(listener.errors, e -> e.message().contains("/client/features"));
            assertThat(error.kind()).isEqualTo(ClientError.Kind.INVALID_ANSWER);
            assertThat(error.message()).contains("answer over the limit of 2000 bytes");
            assertThat(client.ready()).isFalse();
        }
    }

    @Test
    void aDocumentNestedTooDeepIsRefused() throws Exception {
        String deep = "{\"version\":2,\"features\":[],\"extra\":" + "[".repeat(200) + "]".repeat(200) + "}";
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = polling(server.url()).build()) {
            server.answerFeaturesWith(deep);
            var listener = new RecordingListener();
            client.addListener(listener).start();
            ClientError error = first(listener.errors, e -> e.message().contains("/client/features"));
            assertThat(error.kind()).isEqualTo(ClientError.Kind.INVALID_ANSWER);
            assertThat(error.message()).contains("nesting deeper than the limit of 64");
            assertThat(client.ready()).isFalse();
        }
    }

    @Test
    void aServerThatSendsHeadersAndHangsIsGivenUpAtTheRequestTimeout() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)))) {
            server.hangFeatures();
            try (var client = polling(server.url())
                    .bootstrap(features(flag("checkout", true)))
                    .requestTimeout(Duration.ofMillis(300))
                    .build()) {
                var listener = new RecordingListener();
                client.addListener(listener).start();
                ClientError error = first(listener.errors, e -> e.message().contains("/client/features"));
                assertThat(error.kind()).isEqualTo(ClientError.Kind.UNREACHABLE);
                assertThat(error.message()).endsWith("no complete answer within 300 ms");
                assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
            }
        }
    }

    /** A loopback address nothing listens on: a port taken and released. */
    static URI deadAddress() throws Exception {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api");
        }
    }
}
