package dev.gantry.flags.sdk.client;

import static dev.gantry.flags.sdk.client.Documents.features;
import static dev.gantry.flags.sdk.client.Documents.flag;
import static dev.gantry.flags.sdk.client.Documents.flagWithPayload;
import static dev.gantry.flags.sdk.client.RecordingListener.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.json.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The usage metrics a client sends, as Unleash's SDKs send them, to a server that checks their shape. */
class FlagClientMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-07T10:01:00Z");
    private static final Instant T2 = Instant.parse("2026-12-07T10:02:00Z");
    private static final FlagContext USER = FlagContext.ofUser("42");

    private final SettableClock clock = new SettableClock(T0);
    private UnleashTestServer server;

    @BeforeEach
    void serve() throws Exception {
        server = new UnleashTestServer(features(
                flag("checkout", true), flag("search", false), flagWithPayload("banner", "blue", "string", "b")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A client that polls once at start and sends metrics only when the test says (or closes it). */
    private FlagClientBuilder client() {
        return FlagClient.builder(server.url())
                .apiToken(UnleashTestServer.TOKEN)
                .appName("checkout-service")
                .instanceId("checkout-1")
                .environment("production")
                .streaming(false)
                .refreshInterval(Duration.ofHours(1))
                .metricsInterval(Duration.ofHours(1))
                .evaluatorOptions(EvaluatorOptions.system().withClock(clock));
    }

    private static FlagClient started(FlagClient client, RecordingListener listener) throws InterruptedException {
        client.addListener(listener).start();
        assertThat(client.awaitReady(Duration.ofSeconds(30))).isTrue();
        return client;
    }

    private List<UnleashTestServer.Seen> metricsRequests() {
        return server.requests.stream()
                .filter(r -> r.path().equals("/api/client/metrics"))
                .toList();
    }

    /** A parsed value as plain Java: maps, lists, strings, longs, booleans. */
    private static Object plain(JsonNode node) {
        if (node instanceof JsonNode.JsonObject o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.members().forEach((k, v) -> out.put(k, plain(v)));
            return out;
        }
        if (node instanceof JsonNode.JsonArray a) {
            return a.items().stream().map(FlagClientMetricsTest::plain).toList();
        }
        if (node instanceof JsonNode.JsonString s) {
            return s.value();
        }
        if (node instanceof JsonNode.JsonNumber n) {
            return Long.parseLong(n.text());
        }
        if (node instanceof JsonNode.JsonBoolean b) {
            return b.value();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bucket(JsonNode.JsonObject report) {
        return (Map<String, Object>) ((Map<String, Object>) plain(report)).get("bucket");
    }

    private static Map<String, Object> toggle(long yes, long no, Map<String, Long> variants) {
        Map<String, Object> toggle = new LinkedHashMap<>();
        toggle.put("yes", yes);
        toggle.put("no", no);
        toggle.put("variants", variants);
        return toggle;
    }

    @Test
    void sendsEachFlagsYesNoAndVariantCountsInUnleashsShape() throws Exception {
        try (var client = started(client().build(), new RecordingListener())) {
            for (int i = 0; i < 3; i++)
                assertThat(client.isEnabled("checkout", USER)).isTrue();
            for (int i = 0; i < 2; i++)
                assertThat(client.isEnabled("search", USER)).isFalse();
            for (int i = 0; i < 2; i++)
                assertThat(client.variant("banner", USER).name()).isEqualTo("blue");
            assertThat(client.evaluate("banner", USER).variant().name()).isEqualTo("blue");
            assertThat(client.evaluate("search", USER).enabled()).isFalse();
            assertThat(client.variant("checkout", USER).name()).isEqualTo("disabled");
            for (int i = 0; i < 5; i++)
                assertThat(client.isEnabled("no-such-flag", USER)).isFalse();
            client.evaluate("no-such-flag", USER);
            clock.set(T1);

            client.flushMetrics();

            assertThat(metricsRequests()).hasSize(1);
            var request = metricsRequests().get(0);
            assertThat(request.status()).isEqualTo(202);
            assertThat(request.headers().getFirst("Authorization")).isEqualTo(UnleashTestServer.TOKEN);
            assertThat(request.headers().getFirst("UNLEASH-APPNAME")).isEqualTo("checkout-service");
            assertThat(request.headers().getFirst("UNLEASH-INSTANCEID")).isEqualTo("checkout-1");
            assertThat(request.headers().getFirst("UNLEASH-SDK")).isEqualTo(FlagClientOptions.SDK_VERSION);
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");

            JsonNode.JsonObject report = server.metrics.get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) plain(report);
            assertThat(root)
                    .containsEntry("appName", "checkout-service")
                    .containsEntry("instanceId", "checkout-1")
                    .containsEntry("sdkVersion", FlagClientOptions.SDK_VERSION)
                    .containsEntry("environment", "production");
            Map<String, Object> bucket = bucket(report);
            assertThat(bucket).containsOnlyKeys("start", "stop", "toggles");
            assertThat(bucket.get("start")).isEqualTo("2026-12-07T10:00:00Z");
            assertThat(bucket.get("stop")).isEqualTo("2026-12-07T10:01:00Z");
            assertThat(bucket.get("toggles"))
                    .isEqualTo(Map.of(
                            "checkout", toggle(4, 0, Map.of("disabled", 1L)),
                            "search", toggle(0, 3, Map.of("disabled", 1L)),
                            "banner", toggle(3, 0, Map.of("blue", 3L))));
        }
    }

    @Test
    void closeSendsWhatIsLeftOnceAndAnEmptyBucketIsNeverSent() throws Exception {
        var listener = new RecordingListener();
        var client = started(client().build(), listener);
        client.flushMetrics();
        assertThat(metricsRequests()).as("nothing counted, nothing sent").isEmpty();

        client.isEnabled("checkout", USER);
        client.isEnabled("checkout", USER);
        clock.set(T1);
        client.flushMetrics();
        client.isEnabled("search", USER);
        clock.set(T2);
        client.close();
        client.isEnabled("checkout", USER);
        client.close();

        assertThat(metricsRequests()).hasSize(2);
        assertThat(bucket(server.metrics.get(0)))
                .containsEntry("start", T0.toString())
                .containsEntry("stop", T1.toString())
                .containsEntry("toggles", Map.of("checkout", toggle(2, 0, Map.of())));
        assertThat(bucket(server.metrics.get(1)))
                .as("the close sends the rest, from where the last bucket stopped")
                .containsEntry("start", T1.toString())
                .containsEntry("stop", T2.toString())
                .containsEntry("toggles", Map.of("search", toggle(0, 1, Map.of())));
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void aBucketTheServerRefusedIsReportedAndSentOnceWithTheNext() throws Exception {
        var listener = new RecordingListener();
        try (var client = started(client().build(), listener)) {
            server.metricsStatus(503);
            client.isEnabled("checkout", USER);
            client.variant("banner", USER);
            clock.set(T1);

            client.flushMetrics();

            ClientError error = next(listener.errors);
            assertThat(error.kind()).isEqualTo(ClientError.Kind.HTTP_STATUS);
            assertThat(error.message())
                    .isEqualTo("POST /client/metrics at " + server.url() + ": status 503")
                    .doesNotContain(UnleashTestServer.TOKEN);
            assertThat(server.metrics).isEmpty();

            server.metricsStatus(202);
            client.isEnabled("checkout", USER);
            client.isEnabled("search", USER);
            clock.set(T2);
            client.flushMetrics();
            client.flushMetrics();

            assertThat(metricsRequests())
                    .extracting(UnleashTestServer.Seen::status)
                    .containsExactly(503, 202);
            assertThat(server.metrics).hasSize(1);
            assertThat(bucket(server.metrics.get(0)))
                    .containsEntry("start", T0.toString())
                    .containsEntry("stop", T2.toString())
                    .containsEntry(
                            "toggles",
                            Map.of(
                                    "checkout", toggle(2, 0, Map.of()),
                                    "banner", toggle(1, 0, Map.of("blue", 1L)),
                                    "search", toggle(0, 1, Map.of())));
            assertThat(listener.errors).isEmpty();
        }
    }

    @Test
    void aServerDownAtCloseIsReportedWithTheCountsItCouldNotSend() throws Exception {
        var listener = new RecordingListener();
        var client = started(client().build(), listener);
        client.isEnabled("checkout", USER);
        server.close();

        client.close();

        ClientError error = next(listener.errors);
        assertThat(error.kind()).isEqualTo(ClientError.Kind.UNREACHABLE);
        assertThat(error.message()).startsWith("POST /client/metrics at " + server.url());
    }

    @Test
    void manyThreadsEvaluatingWhileBucketsAreSentCountEveryCallOnce() throws Exception {
        int threads = 8;
        int rounds = 20_000;
        try (var client = started(client().build(), new RecordingListener())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> workers = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < rounds; i++) {
                            switch (i % 4) {
                                case 0 -> client.isEnabled("checkout", USER);
                                case 1 -> client.isEnabled("search", USER);
                                case 2 -> client.evaluate("banner", USER);
                                default -> client.variant("search", USER);
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                // Buckets are taken while the threads count: no count may fall between two, or land in both.
                Future<?> sender = Executors.newSingleThreadExecutor().submit(() -> {
                    while (!done.get()) client.flushMetrics();
                });
                for (Future<?> worker : workers) worker.get();
                done.set(true);
                sender.get();
            } finally {
                pool.shutdownNow();
            }
            client.flushMetrics();

            Map<String, Long> sums = new LinkedHashMap<>();
            for (JsonNode.JsonObject report : server.metrics) {
                @SuppressWarnings("unchecked")
                var toggles = (Map<String, Map<String, Object>>) bucket(report).get("toggles");
                toggles.forEach((flag, counts) -> {
                    sums.merge(flag + ".yes", (Long) counts.get("yes"), Long::sum);
                    sums.merge(flag + ".no", (Long) counts.get("no"), Long::sum);
                    @SuppressWarnings("unchecked")
                    var variants = (Map<String, Long>) counts.get("variants");
                    variants.forEach((variant, n) -> sums.merge(flag + ":" + variant, n, Long::sum));
                });
            }
            long quarter = (long) threads * rounds / 4;
            assertThat(sums)
                    .containsOnly(
                            Map.entry("checkout.yes", quarter),
                            Map.entry("checkout.no", 0L),
                            Map.entry("search.yes", 0L),
                            Map.entry("search.no", 2 * quarter),
                            Map.entry("search:disabled", quarter),
                            Map.entry("banner.yes", quarter),
                            Map.entry("banner.no", 0L),
                            Map.entry("banner:blue", quarter));
            assertThat(metricsRequests()).allMatch(r -> r.status() == 202);
        }
    }

    @Test
    void namesTheStateDoesNotHaveAreNotCountedAndGrowNothing() throws Exception {
        try (var client = started(client().build(), new RecordingListener())) {
            for (int i = 0; i < 50_000; i++) {
                client.isEnabled("made-up-" + i, USER);
                client.evaluate("made-up-" + i, USER);
            }
            client.flushMetrics();
            assertThat(metricsRequests()).isEmpty();
        }
    }

    @Test
    void countsAtMostTheirLimitOfFlagAndVariantNames() {
        UsageCounts counts = new UsageCounts();
        int admitted = 0;
        for (int i = 0; i < UsageCounts.MAX_FLAGS + 100; i++) {
            if (counts.counter("flag-" + i) != null) admitted++;
        }
        assertThat(admitted).isEqualTo(UsageCounts.MAX_FLAGS);
        assertThat(counts.counter("flag-0"))
                .as("a flag already counted keeps its counter")
                .isNotNull();

        UsageCounts.FlagCounter one = counts.counter("flag-1");
        for (int i = 0; i < UsageCounts.MAX_VARIANTS + 100; i++) one.count(true, "variant-" + i);
        MetricsBucket.Toggle taken = counts.take().get("flag-1");
        assertThat(taken.yes()).isEqualTo(UsageCounts.MAX_VARIANTS + 100);
        assertThat(taken.variants()).hasSize(UsageCounts.MAX_VARIANTS);
        assertThat(counts.take()).as("a take resets the counts").isEmpty();
    }

    @Test
    void countingAFlagAndVariantSeenBeforeAllocatesNothing() {
        UsageCounts counts = new UsageCounts();
        UsageCounts.FlagCounter[] counters = {counts.counter("checkout"), counts.counter("banner")};
        String[] variants = {"disabled", "blue", "red"};
        count(counters, variants, 20_000);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        count(counters, variants, 100_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // One allocation per count would be 1.6 MB at the least (100,000 objects of 16 bytes).
        assertThat(allocated).isLessThan(64 * 1024);
        assertThat(counts.take().get("banner").variants().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(40_000);
    }

    private static void count(UsageCounts.FlagCounter[] counters, String[] variants, int times) {
        for (int i = 0; i < times; i++) {
            UsageCounts.FlagCounter counter = counters[i % counters.length];
            if (i % 3 == 0) {
                counter.count(i % 2 == 0);
            } else {
                counter.count(true, variants[i % variants.length]);
            }
        }
    }

    @Test
    void theIntervalSendsWithoutBeingAsked() throws Exception {
        try (var client =
                started(client().metricsInterval(Duration.ofMillis(20)).build(), new RecordingListener())) {
            client.isEnabled("checkout", USER);
            assertThat(UnleashTestServer.await(server.metricsReports, 1)).isTrue();
            assertThat(bucket(server.metrics.get(0)))
                    .containsEntry("toggles", Map.of("checkout", toggle(1, 0, Map.of())));
        }
    }

    @Test
    void metricsTurnedOffCountAndSendNothing() throws Exception {
        for (FlagClientBuilder off : List.of(client().disableMetrics(), client().metricsInterval(Duration.ZERO))) {
            var client = started(off.build(), new RecordingListener());
            assertThat(client.options().metricsEnabled()).isFalse();
            client.isEnabled("checkout", USER);
            client.evaluate("banner", USER);
            client.flushMetrics();
            client.close();
        }
        assertThat(metricsRequests()).isEmpty();
        try (var defaults = FlagClient.builder(server.url())
                .apiToken(UnleashTestServer.TOKEN)
                .appName("checkout-service")
                .build()) {
            assertThat(defaults.options().metricsInterval())
                    .as("as Unleash's SDKs")
                    .isEqualTo(Duration.ofSeconds(60));
        }
        assertThatThrownBy(
                        () -> client().metricsInterval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics interval must be positive, or zero to send no metrics");
    }
}
