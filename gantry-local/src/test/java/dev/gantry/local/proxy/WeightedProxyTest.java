package dev.gantry.local.proxy;

import static dev.gantry.local.proxy.Backends.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.local.Track;
import dev.gantry.local.demo.DemoOptions;
import dev.gantry.local.demo.DemoService;
import dev.gantry.local.metrics.MetricsWindow;
import dev.gantry.local.metrics.ProxyMetrics;
import dev.gantry.local.metrics.VersionWindow;
import dev.gantry.local.testing.Await;
import dev.gantry.local.testing.Http;
import dev.gantry.local.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightedProxyTest {

    private final Backends backends = new Backends();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-07T14:00:00Z"));
    private final ProxyMetrics metrics = new ProxyMetrics(clock);
    private final Http http = new Http();
    private final List<WeightedProxy> proxies = new ArrayList<>();

    @AfterEach
    void stop() {
        proxies.forEach(WeightedProxy::close);
        backends.close();
    }

    private WeightedProxy proxy(ProxyConfig config, Pool stable, Pool canary, int weight) {
        WeightedProxy proxy = WeightedProxy.start(config, stable, canary, weight, metrics);
        proxies.add(proxy);
        return proxy;
    }

    private WeightedProxy proxy(Pool stable, Pool canary, int weight) {
        return proxy(ProxyConfig.defaults(), stable, canary, weight);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 50, 100})
    void splitsTrafficExactlyByWeight(int weight) throws Exception {
        Pool stable = pool("1.0.0", backends.start("1.0.0"), backends.start("1.0.0"));
        Pool canary = pool("1.1.0", backends.start("1.1.0"));
        WeightedProxy proxy = proxy(stable, canary, weight);

        Load load = Load.run(proxy.port(), 4, 500);

        // Any hundred consecutive requests at one weight split exactly by it.
        assertThat(load.status(200)).isEqualTo(2000);
        assertThat(load.version("1.1.0")).isEqualTo(20L * weight);
        assertThat(load.version("1.0.0")).isEqualTo(20L * (100 - weight));
        MetricsWindow window = metrics.snapshot();
        assertThat(window.of(Track.CANARY, "1.1.0").orElseThrow().requests()).isEqualTo(20L * weight);
        assertThat(window.of(Track.STABLE, "1.0.0").orElseThrow().requests()).isEqualTo(20L * (100 - weight));
    }

    @Test
    void roundRobinsWithinAPool() throws Exception {
        DemoService a = backends.start("1.0.0");
        DemoService b = backends.start("1.0.0");
        DemoService c = backends.start("1.0.0");
        WeightedProxy proxy = proxy(pool("1.0.0", a, b, c), Pool.empty("1.1.0"), 0);

        Load.run(proxy.port(), 3, 100);

        assertThat(List.of(a.received(), b.received(), c.received())).containsExactly(100L, 100L, 100L);
    }

    @Test
    void noRequestIsDroppedWhileWeightAndBackendsChange() throws Exception {
        DemoService s1 = backends.start("1.0.0");
        DemoService s2 = backends.start("1.0.0");
        DemoService c1 = backends.start("1.1.0");
        DemoService c2 = backends.start("1.1.0");
        WeightedProxy proxy = proxy(pool("1.0.0", s1, s2), pool("1.1.0", c1), 0);
        int threads = 8;
        int each = 250;
        Load load = new Load();
        CompletableFuture<Void> changes = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 100; i++) {
                int step = i;
                // Each change waits for some traffic, so the changes are spread over the whole run.
                Await.until(
                        () -> load.answered.get() >= step * (threads * each / 110), "traffic before change " + step);
                proxy.setWeight((step * 37) % 101);
                if (step % 10 == 0) {
                    proxy.setBackends(
                            step % 20 == 0 ? pool("1.0.0", s1) : pool("1.0.0", s1, s2),
                            step % 20 == 0 ? pool("1.1.0", c1, c2) : pool("1.1.0", c2));
                }
            }
        });
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < each; i++) load.count(http.get(proxy.port(), "/"));
                    },
                    runnable -> new Thread(runnable).start()));
        }
        CompletableFuture.allOf(clients.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        changes.get(30, TimeUnit.SECONDS);

        assertThat(load.answered.get()).isEqualTo(threads * each);
        assertThat(load.status(200)).isEqualTo(threads * each);
        assertThat(load.version("1.0.0") + load.version("1.1.0")).isEqualTo(threads * each);
        MetricsWindow window = metrics.snapshot();
        assertThat(window.versions().stream().mapToLong(VersionWindow::requests).sum())
                .isEqualTo(threads * each);
        assertThat(window.versions().stream().mapToLong(VersionWindow::errors).sum())
                .isZero();
    }

    @Test
    void requestsInFlightFinishOnTheBackendTheyStartedOn() throws Exception {
        DemoService stable = backends.start("1.0.0");
        DemoService canary = backends.start(new DemoOptions(0, "1.1.0", 0, 400, 1));
        WeightedProxy proxy = proxy(pool("1.0.0", stable), pool("1.1.0", canary), 100);
        List<CompletableFuture<Http.Answer>> inFlight = new ArrayList<>();
        for (int i = 0; i < 10; i++) inFlight.add(http.getAsync(proxy.port(), "/"));
        Await.until(() -> canary.received() == 10, "ten requests held by the canary");

        proxy.setWeight(0);
        proxy.setBackends(pool("1.0.0", stable), Pool.empty("1.1.0"));

        for (CompletableFuture<Http.Answer> answer : inFlight) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(new Http.Answer(200, answerOf("1.1.0")));
        }
        assertThat(http.get(proxy.port(), "/").version()).isEqualTo("1.0.0");
    }

    private static String answerOf(String version) {
        return "{\"service\":\"demo\",\"version\":\"" + version + "\"}\n";
    }

    @Test
    void aStickyHeaderKeepsEachUserOnOneVersionAsTheWeightGrows() {
        WeightedProxy proxy = proxy(
                ProxyConfig.defaults().withSticky(Stickiness.header("X-User")),
                pool("1.0.0", backends.start("1.0.0")),
                pool("1.1.0", backends.start("1.1.0")),
                0);
        Map<String, Integer> firstCanaryWeight = new HashMap<>();
        for (int weight = 0; weight <= 100; weight += 10) {
            proxy.setWeight(weight);
            for (int user = 0; user < 100; user++) {
                String id = "user-" + user;
                String version =
                        http.get(proxy.port(), "/", Map.of("X-User", id)).version();
                // Asked twice at the same weight, a user gets the same answer.
                assertThat(http.get(proxy.port(), "/", Map.of("X-User", id)).version())
                        .isEqualTo(version);
                if (firstCanaryWeight.containsKey(id)) {
                    assertThat(version)
                            .as(id + " once on the canary stays there")
                            .isEqualTo("1.1.0");
                } else if (version.equals("1.1.0")) {
                    firstCanaryWeight.put(id, weight);
                }
                assertThat(version).isEqualTo(Stickiness.bucket(id) < weight ? "1.1.0" : "1.0.0");
            }
        }
        assertThat(firstCanaryWeight).hasSize(100);
        assertThat(firstCanaryWeight.values().stream().filter(w -> w <= 50).count())
                .isBetween(30L, 70L);
    }

    @Test
    void aStickyCookieWorksLikeAHeader() {
        WeightedProxy proxy = proxy(
                ProxyConfig.defaults().withSticky(Stickiness.cookie("uid")),
                pool("1.0.0", backends.start("1.0.0")),
                pool("1.1.0", backends.start("1.1.0")),
                50);
        for (int user = 0; user < 40; user++) {
            String id = "u" + user;
            String expected = Stickiness.bucket(id) < 50 ? "1.1.0" : "1.0.0";
            Map<String, String> cookie = Map.of("Cookie", "theme=dark; uid=" + id + "; lang=en");
            assertThat(http.get(proxy.port(), "/", cookie).version()).isEqualTo(expected);
        }
    }

    @Test
    void aBackendThatRefusesConnectionsGives502sCountedAsItsVersionsErrors() throws Exception {
        DemoService live = backends.start("1.1.0");
        Pool canary = new Pool("1.1.0", List.of(Backends.address(live), Backends.nobodyListening()));
        WeightedProxy proxy = proxy(pool("1.0.0", backends.start("1.0.0")), canary, 100);

        Load load = Load.run(proxy.port(), 2, 100);

        assertThat(load.status(502)).isEqualTo(100);
        assertThat(load.status(200)).isEqualTo(100);
        VersionWindow window = metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow();
        assertThat(window.requests()).isEqualTo(200);
        assertThat(window.errors()).isEqualTo(100);
        assertThat(window.errorRate().getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void aBackendThatDiesUnderARequestGivesA502() throws Exception {
        DemoService dying = backends.start(new DemoOptions(0, "1.1.0", 0, 60_000, 1));
        WeightedProxy proxy = proxy(pool("1.0.0", backends.start("1.0.0")), pool("1.1.0", dying), 100);
        CompletableFuture<Http.Answer> answer = http.getAsync(proxy.port(), "/");
        Await.until(() -> dying.received() == 1, "the request held by the canary");

        dying.close();

        assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(502);
        VersionWindow window = metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow();
        assertThat(window.errors()).isEqualTo(1);
    }

    @Test
    void aBackendSilentPastTheResponseTimeoutGivesA504() throws Exception {
        DemoService silent = backends.start(new DemoOptions(0, "1.1.0", 0, 60_000, 1));
        WeightedProxy proxy = proxy(
                ProxyConfig.defaults().withResponseTimeout(Duration.ofMillis(200)),
                pool("1.0.0", backends.start("1.0.0")),
                pool("1.1.0", silent),
                100);

        Http.Answer answer = http.get(proxy.port(), "/");

        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.body()).contains("of canary 1.1.0 did not answer within 200 ms");
        assertThat(metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow().errors())
                .isEqualTo(1);
    }

    @Test
    void slowAnswersShowInTheHighPercentilesOnly() throws Exception {
        DemoService canary = backends.start(new DemoOptions(0, "1.1.0", 0, 300, 0.1));
        WeightedProxy proxy = proxy(pool("1.0.0", backends.start("1.0.0")), pool("1.1.0", canary), 100);

        for (int i = 0; i < 100; i++)
            assertThat(http.get(proxy.port(), "/").status()).isEqualTo(200);

        VersionWindow window = metrics.snapshot().of(Track.CANARY, "1.1.0").orElseThrow();
        assertThat(window.requests()).isEqualTo(100);
        // Ten of the hundred were held 300 ms: p95 and p99 are among them, the median is not.
        assertThat(window.p99().getAsDouble()).isGreaterThanOrEqualTo(0.300);
        assertThat(window.p95().getAsDouble()).isGreaterThanOrEqualTo(0.300);
        assertThat(window.p50().getAsDouble()).isLessThan(0.300);
    }

    @Test
    void aPortThatIsTakenIsAProxyErrorThatNamesIt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            proxy(ProxyConfig.defaults().withPort(port), Pool.empty("1.0.0"), Pool.empty("1.1.0"), 0))
                    .isInstanceOf(ProxyException.class)
                    .hasMessageStartingWith("cannot listen for traffic on 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void aTrackWithoutInstancesSendsItsShareToTheOther() {
        WeightedProxy proxy = proxy(pool("1.0.0", backends.start("1.0.0")), Pool.empty("1.1.0"), 100);
        assertThat(http.get(proxy.port(), "/").version()).isEqualTo("1.0.0");

        proxy.setBackends(Pool.empty("1.0.0"), Pool.empty("1.1.0"));
        Http.Answer none = http.get(proxy.port(), "/");
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.body()).isEqualTo("no backend instances to route to\n");
    }

    @Test
    void aBackendRestartedOnTheSamePortIsReachedOnAFreshConnection() {
        DemoService first = backends.start("1.0.0");
        WeightedProxy proxy = proxy(pool("1.0.0", first), Pool.empty("1.1.0"), 0);
        assertThat(http.get(proxy.port(), "/").status()).isEqualTo(200);
        int port = first.port();
        first.close();
        DemoService again = backends.start(new DemoOptions(port, "1.0.1", 0, 0, 0));
        // The pooled connection to the old server is dead: the request must not be sent on it.
        Http.Answer answer = http.get(proxy.port(), "/");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.version()).isEqualTo("1.0.1");
        assertThat(again.received()).isEqualTo(1);
    }
}
