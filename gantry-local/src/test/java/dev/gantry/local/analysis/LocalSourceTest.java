package dev.gantry.local.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.analysis.MetricContext;
import dev.gantry.analysis.Reading;
import dev.gantry.local.demo.DemoOptions;
import dev.gantry.local.demo.DemoService;
import dev.gantry.local.metrics.ProxyMetrics;
import dev.gantry.local.proxy.HostPort;
import dev.gantry.local.proxy.Pool;
import dev.gantry.local.proxy.ProxyConfig;
import dev.gantry.local.proxy.RunningProxy;
import dev.gantry.local.proxy.WeightedProxy;
import dev.gantry.local.rollout.EnvironmentFiles;
import dev.gantry.local.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local source reading a real proxy (in this process, named by its state file as the target's would be) in
 * front of demo services, after real requests.
 */
class LocalSourceTest {

    private static final Instant T1 = Instant.parse("2026-03-20T09:01:00Z");
    private static final Instant T2 = T1.plusSeconds(60);

    @TempDir
    Path root;

    private final Http http = new Http();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final LocalSource source = new LocalSource(null);
    private WeightedProxy proxy;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private DemoService demo(String version, double failRate) throws Exception {
        DemoService service = DemoService.start(new DemoOptions(0, version, failRate, 0, 0));
        open.add(service);
        return service;
    }

    private static Pool pool(String version, DemoService... services) {
        List<HostPort> instances = new ArrayList<>();
        for (DemoService s : services) instances.add(new HostPort("127.0.0.1", s.port()));
        return new Pool(version, instances);
    }

    /** A proxy in front of these pools, written down where the local target's proxy would be. */
    private void proxy(Pool stable, Pool canary, int weight) throws Exception {
        proxy = WeightedProxy.start(
                ProxyConfig.defaults(), stable, canary, weight, new ProxyMetrics(Clock.systemUTC()));
        open.add(proxy);
        RunningProxy.current(proxy.port(), proxy.adminPort().getAsInt())
                .write(EnvironmentFiles.of(root, EnvironmentFiles.DEFAULT_DIR, "staging")
                        .proxyState());
    }

    private void requests(int count) {
        for (int i = 0; i < count; i++) http.get(proxy.port(), "/");
    }

    private MetricContext context() {
        return new MetricContext(root, "staging", "1.4.0", Map.of());
    }

    private Reading read(String query, Instant at) {
        return source.instant(query, at, context());
    }

    private static double value(Reading reading) {
        assertThat(reading.hasValue()).as(reading.problem()).isTrue();
        return reading.value().getAsDouble();
    }

    @Test
    void everyQueryOfAnInstantReadsTheSameInterval() throws Exception {
        proxy(pool("1.3.0", demo("1.3.0", 0)), pool("1.4.0", demo("1.4.0", 0.1)), 50);
        requests(100);

        assertThat(value(read("requests{version=\"{version}\"}", T1))).isEqualTo(50);
        assertThat(value(read("error_rate{version=\"1.4.0\"}", T1))).isEqualTo(0.1);
        assertThat(value(read("requests{ version = \"1.3.0\" }", T1))).isEqualTo(50);
        assertThat(value(read("error_rate{version=\"1.3.0\"}", T1))).isZero();
        assertThat(value(read("rps{version=\"1.4.0\"}", T1))).isPositive();
        assertThat(value(read("p50_latency{version=\"1.4.0\"}", T1)))
                .isPositive()
                .isLessThanOrEqualTo(value(read("p99_latency{version=\"1.4.0\"}", T1)));

        Reading idle = read("error_rate{version=\"1.4.0\"}", T2);
        assertThat(idle.hasValue()).isFalse();
        assertThat(idle.problem()).isEqualTo("no requests to 1.4.0 in the last interval");
    }

    @Test
    void withoutAVersionAQueryReadsTheCanaryWhileItHasTrafficElseTheStableVersion() throws Exception {
        proxy(pool("1.3.0", demo("1.3.0", 0)), pool("1.4.0", demo("1.4.0", 0.5)), 10);
        requests(100);
        assertThat(value(read("requests", T1))).as("the canary's share").isEqualTo(10);
        assertThat(value(read("error_rate", T1))).isEqualTo(0.5);

        proxy.setWeight(0);
        requests(100);
        assertThat(value(read("requests", T2))).as("all of it on stable").isEqualTo(100);
        assertThat(value(read("error_rate", T2))).isZero();
    }

    @Test
    void healthIsTheShareOfTheVersionsInstancesThatAnswer() throws Exception {
        DemoService down = demo("1.4.0", 0);
        proxy(pool("1.3.0", demo("1.3.0", 0)), pool("1.4.0", demo("1.4.0", 0), down), 10);
        assertThat(value(read("health{version=\"1.4.0\"}", T1))).isEqualTo(1.0);
        down.close();
        assertThat(value(read("health{version=\"1.4.0\"}", T2))).isEqualTo(0.5);
        assertThat(value(read("health{version=\"1.3.0\"}", T2))).isEqualTo(1.0);
        Reading none = read("health{version=\"1.2.0\"}", T2);
        assertThat(none.problem()).isEqualTo("no instance of 1.2.0 behind the local proxy");
    }

    @Test
    void aRangeIsOneReadingOfTheRunningIntervalWhichItLeavesUncut() throws Exception {
        proxy(pool("1.3.0", demo("1.3.0", 0)), Pool.empty("1.4.0"), 0);
        requests(20);
        List<Reading> range = source.range(
                "requests{version=\"1.3.0\"}", T1.minus(Duration.ofMinutes(10)), T1, Duration.ofMinutes(1), context());
        assertThat(range).singleElement().satisfies(r -> {
            assertThat(r.at()).isEqualTo(T1);
            assertThat(value(r)).isEqualTo(20);
        });
        assertThat(value(read("requests{version=\"1.3.0\"}", T1))).isEqualTo(20);
    }

    @Test
    void noProxyAndQueriesItCannotAnswerAreMissingReadingsThatSayWhy() throws Exception {
        Reading noProxy = read("error_rate", T1);
        assertThat(noProxy.hasValue()).isFalse();
        assertThat(noProxy.problem())
                .isEqualTo("no local proxy runs for staging: no " + root.resolve(".gantry/local/staging/proxy.json"));

        proxy(pool("1.3.0", demo("1.3.0", 0)), Pool.empty("1.4.0"), 0);
        assertThat(read("errors", T1).problem())
                .isEqualTo("local query: unknown metric \"errors\"; expected one of error_rate, rps, requests,"
                        + " p50_latency, p95_latency, p99_latency, health");
        assertThat(read("error_rate{track=\"canary\"}", T1).problem())
                .isEqualTo(
                        "local query: cannot read the selector {track=\"canary\"} of \"error_rate{track=\\\"canary\\\"}\":"
                                        .replace("\\\"", "\"")
                                + " the local source selects by version only, as in error_rate{version=\"1.2.0\"}");
        assertThat(read("sum(rate(x[1m]))", T1).problem()).startsWith("local query: cannot read \"sum(rate(x[1m]))\"");
    }
}
