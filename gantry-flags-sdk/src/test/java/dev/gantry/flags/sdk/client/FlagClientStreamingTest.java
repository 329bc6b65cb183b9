package dev.gantry.flags.sdk.client;

import static dev.gantry.flags.sdk.client.Documents.featureRemoved;
import static dev.gantry.flags.sdk.client.Documents.featureUpdated;
import static dev.gantry.flags.sdk.client.Documents.features;
import static dev.gantry.flags.sdk.client.Documents.flag;
import static dev.gantry.flags.sdk.client.RecordingListener.first;
import static dev.gantry.flags.sdk.client.RecordingListener.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.json.JsonLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagClientStreamingTest {

    private static FlagClientBuilder streaming(URI url) {
        return FlagClient.builder(url)
                .apiToken(UnleashTestServer.TOKEN)
                .appName("checkout-service")
                .instanceId("checkout-1")
                // Polling is only the fallback: a long interval proves updates come from the stream.
                .refreshInterval(Duration.ofHours(1))
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(40));
    }

    @Test
    void followsUnleashConnectedAndUnleashUpdated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flags.json");
        try (var server = new UnleashTestServer(features(flag("checkout", true), flag("search", true)));
                var client = streaming(server.url()).stateFile(file).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();

            assertThat(next(listener.ready)).isEqualTo(StateSource.SERVER);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
            var open = server.requests.stream()
                    .filter(r -> r.path().equals("/api/client/streaming"))
                    .findFirst()
                    .orElseThrow();
            assertThat(open.headers().getFirst("Accept")).isEqualTo("text/event-stream");
            assertThat(open.headers().getFirst("Authorization")).isEqualTo(UnleashTestServer.TOKEN);
            assertThat(open.headers().getFirst("UNLEASH-CONNECTION-ID"))
                    .isEqualTo(client.options().connectionId());

            server.push("unleash-updated", featureUpdated(2, flag("checkout", false)));
            assertThat(next(listener.changed)).isEqualTo(Set.of("checkout"));
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isFalse();

            server.push("unleash-updated", featureRemoved(3, "search"));
            assertThat(next(listener.changed)).isEqualTo(Set.of("search"));
            assertThat(client.state().orElseThrow().features())
                    .extracting(f -> f.name())
                    .containsExactly("checkout");
            assertThat(Files.readString(file)).doesNotContain("\"search\"");

            assertThat(server.requests).noneMatch(r -> r.path().equals("/api/client/features"));
            assertThat(listener.errors).isEmpty();
        }
    }

    @Test
    void clientsSharingAnHttpClientAndAnExecutorHoldNoThreadEachAndAllFollowTheStream() throws Exception {
        ScheduledExecutorService shared = Executors.newScheduledThreadPool(2);
        ExecutorService reading = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(reading).build();
        int clients = 40;
        long selectorsBefore = threads("SelectorManager");
        List<FlagClient> started = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        try (var server = new UnleashTestServer(features(flag("checkout", true)))) {
            try {
                for (int i = 0; i < clients; i++) {
                    RecordingListener listener = new RecordingListener();
                    listeners.add(listener);
                    started.add(streaming(server.url())
                            .appName("shared-pool-app")
                            .instanceId("checkout-" + i)
                            .httpClient(http)
                            .executor(shared)
                            .build()
                            .addListener(listener)
                            .start());
                }
                for (RecordingListener listener : listeners)
                    assertThat(next(listener.ready)).isEqualTo(StateSource.SERVER);
                assertThat(UnleashTestServer.await(server.streamConnections, clients))
                        .isTrue();
                // No thread of a client's own, and one HTTP client's selector for all of them.
                assertThat(threads("shared-pool-app")).isZero();
                assertThat(threads("SelectorManager") - selectorsBefore).isLessThanOrEqualTo(1);

                server.pushAll("unleash-updated", featureUpdated(2, flag("checkout", false)));
                for (int i = 0; i < clients; i++) {
                    assertThat(next(listeners.get(i).changed)).isEqualTo(Set.of("checkout"));
                    assertThat(started.get(i).isEnabled("checkout", FlagContext.EMPTY))
                            .isFalse();
                }

                // Closing one client leaves the executor the others share running, and they go on following.
                FlagClient gone = started.remove(0);
                RecordingListener goneListener = listeners.remove(0);
                gone.close();
                assertThat(shared.isShutdown()).isFalse();
                server.pushAll("unleash-updated", featureUpdated(3, flag("checkout", true)));
                for (int i = 0; i < started.size(); i++) {
                    assertThat(next(listeners.get(i).changed)).isEqualTo(Set.of("checkout"));
                    assertThat(started.get(i).isEnabled("checkout", FlagContext.EMPTY))
                            .isTrue();
                }
                assertThat(goneListener.changed).isEmpty();
                assertThat(gone.isEnabled("checkout", FlagContext.EMPTY)).isFalse();
                for (RecordingListener listener : listeners)
                    assertThat(listener.errors).isEmpty();
            } finally {
                started.forEach(FlagClient::close);
                shared.shutdownNow();
                reading.shutdownNow();
            }
        }
    }

    @Test
    void theHttpClientsExecutorCannotAlsoRunTheClientsTasksWhichWaitOnIt() {
        ScheduledExecutorService shared = Executors.newScheduledThreadPool(2);
        try {
            HttpClient http = HttpClient.newBuilder().executor(shared).build();
            assertThatThrownBy(() -> streaming(URI.create("http://127.0.0.1:1/api"))
                            .httpClient(http)
                            .executor(shared)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the HTTP client's executor cannot also be the flag client's executor");
        } finally {
            shared.shutdownNow();
        }
    }

    private static long threads(String named) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains(named))
                .count();
    }

    @Test
    void aDroppedStreamFallsBackToPollingAndReconnects() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = streaming(server.url()).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();

            server.setFeatures(features(flag("checkout", false)));
            server.drop();

            ClientError lost = next(listener.errors);
            assertThat(lost.kind()).isEqualTo(ClientError.Kind.UNREACHABLE);
            assertThat(lost.message()).contains("GET /client/streaming", "the server ended the stream");
            assertThat(next(listener.changed)).isEqualTo(Set.of("checkout"));
            assertThat(server.requests).anyMatch(r -> r.path().equals("/api/client/features") && r.status() == 200);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isFalse();

            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();
            server.push("unleash-updated", featureUpdated(5, flag("checkout", true)));
            assertThat(first(listener.changed, c -> c.contains("checkout"))).isEqualTo(Set.of("checkout"));
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
        }
    }

    @Test
    void aRefusedStreamLeavesTheClientPolling() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)))) {
            server.streamingStatus(404);
            try (var client = streaming(server.url()).build()) {
                var listener = new RecordingListener();
                client.addListener(listener).start();

                ClientError refused = next(listener.errors);
                assertThat(refused.kind()).isEqualTo(ClientError.Kind.HTTP_STATUS);
                assertThat(refused.message()).contains("GET /client/streaming", "status 404");
                assertThat(next(listener.ready)).isEqualTo(StateSource.SERVER);
                assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
            }
        }
    }

    @Test
    void anEventThatCannotBeReadKeepsTheStateAndReconnectsForAWholeOne() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = streaming(server.url()).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();

            server.push("unleash-updated", "{\"events\":[{\"eventId\":2,\"type\":\"feature-updated\"}]}");

            ClientError error = next(listener.errors);
            assertThat(error.kind()).isEqualTo(ClientError.Kind.INVALID_ANSWER);
            assertThat(error.message())
                    .contains("unleash-updated event", "events[0]: missing \"feature\", expected an object");
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();
        }
    }

    @Test
    void anEventOverTheSizeLimitIsRefusedBeforeItIsHeld() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client =
                        streaming(server.url()).limits(new JsonLimits(4096, 64)).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();

            server.pushRaw("event: unleash-updated\ndata: " + "x".repeat(10_000));

            ClientError error = next(listener.errors);
            assertThat(error.kind()).isEqualTo(ClientError.Kind.INVALID_ANSWER);
            assertThat(error.message()).contains("server-sent event line over the limit of 4096 bytes");
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
        }
    }

    @Test
    void aStreamWhoseAnswerNeverComesIsGivenUpOnAndTheClientPolls() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = streaming(server.url())
                        .streamIdleTimeout(Duration.ofMillis(200))
                        .build()) {
            server.hangStreaming();
            var listener = new RecordingListener();
            client.addListener(listener).start();
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();

            ClientError silent = next(listener.errors);
            assertThat(silent.kind()).isEqualTo(ClientError.Kind.UNREACHABLE);
            assertThat(silent.message()).contains("GET /client/streaming", "nothing received for 200 ms");
            // Given up on, the stream is polled instead, and tried again.
            assertThat(next(listener.ready)).isEqualTo(StateSource.SERVER);
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isTrue();
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();
        }
    }

    @Test
    void aStreamThatGoesSilentIsDroppedAndReconnected() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = streaming(server.url())
                        .streamIdleTimeout(Duration.ofMillis(200))
                        .build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();

            server.setFeatures(features(flag("checkout", false)));

            ClientError silent = next(listener.errors);
            assertThat(silent.kind()).isEqualTo(ClientError.Kind.UNREACHABLE);
            assertThat(silent.message()).contains("GET /client/streaming", "nothing received for 200 ms");
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();
            assertThat(next(listener.changed)).containsExactly("checkout");
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isFalse();
        }
    }

    @Test
    void closingTheClientClosesItsStream() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)))) {
            var client = streaming(server.url()).build();
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
            assertThat(UnleashTestServer.await(server.streamConnections, 1)).isTrue();

            client.close();
            // A write on a connection the client has closed fails, which ends the server's side of it; the first
            // writes may still land in the socket's buffer before the client's close arrives, so the server writes
            // until one fails.
            boolean ended = false;
            for (int i = 0; i < 300 && !ended; i++) {
                server.pushRaw(": ping\n\n");
                ended = server.streamsEnded.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }

            assertThat(ended).isTrue();
            assertThat(server.streamConnections.availablePermits()).isZero();
        }
    }

    @Test
    void fetchModePollingSwitchesToPolling() throws Exception {
        try (var server = new UnleashTestServer(features(flag("checkout", true)));
                var client = streaming(server.url()).build()) {
            var listener = new RecordingListener();
            client.addListener(listener).start();
            next(listener.ready);
            server.setFeatures(features(flag("checkout", false)));

            server.push("fetch-mode", "polling");

            assertThat(next(listener.errors).message()).contains("the server asked for polling");
            assertThat(next(listener.changed)).isEqualTo(Set.of("checkout"));
            assertThat(client.isEnabled("checkout", FlagContext.EMPTY)).isFalse();
        }
    }
}
