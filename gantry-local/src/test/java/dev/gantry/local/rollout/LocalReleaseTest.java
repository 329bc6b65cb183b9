package dev.gantry.local.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.analysis.MetricSources;
import dev.gantry.gate.CheckContext;
import dev.gantry.local.LocalVariants;
import dev.gantry.local.testing.Http;
import dev.gantry.local.testing.LocalEnvironmentFixture;
import dev.gantry.local.testing.TrafficTime;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Targets;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.testing.PlanText;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary runs through the engine into a local environment: demo instances of two versions, the proxy, the local
 * metric source reading what a burst of real requests before each sample did, and virtual time for the waits.
 */
class LocalReleaseTest {

    static {
        LocalVariants.register();
    }

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");
    /** Requests before each sample: at 25% the canary gets exactly 100 of them, 50 per instance. */
    private static final int BURST = 400;

    @TempDir
    Path root;

    private final Http http = new Http();
    private LocalEnvironmentFixture env;
    private Plan plan;

    private void environment(Map<String, String> shellByVersion, String steps) throws Exception {
        env = new LocalEnvironmentFixture(root, "staging", shellByVersion);
        plan = PlanText.load(
                root,
                """
                environments:
                  - name: staging
                    target: { type: local, run: "%s", instances: 2, port: %d, startTimeout: 60s }
                    metrics: { type: local }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: 'error_rate{version="{version}"}', threshold: "> 2%%" }
                  - { id: DEP-021, metric: p99_latency, query: 'p99_latency{version="{version}"}', threshold: "> 5s",
                      severity: soft }
                  - { id: DEP-022, metric: health, query: health, threshold: "< 100%%" }
                validation:
                  - { id: DEP-030, title: Health through the proxy, check: { type: http, url: "http://127.0.0.1:%d/health" } }
                rollout:
                  canary: { steps: [%s], watch: 2m, cadence: 1m }
                """
                        .formatted(LocalEnvironmentFixture.run(), env.port(), env.port(), steps));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (env == null) return;
        ((LocalTarget) staging().target()).stop(root, "staging");
        env.assertNothingLeft();
    }

    private Environment staging() {
        return plan.environment("staging").orElseThrow();
    }

    /** Runs 1.4.0 over 1.3.0 into staging as a canary; returns the run's events. */
    private List<RunEvent> release() throws Exception {
        TrafficTime time = new TrafficTime(T0, env.port(), BURST, env::instances);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            CheckContext checks = new CheckContext(
                    root,
                    null,
                    plan,
                    "staging",
                    Version.parse("1.4.0"),
                    "v1.4.0",
                    Optional.of("v1.3.0"),
                    "0123456789abcdef0123456789abcdef01234567",
                    ReleaseType.MINOR,
                    false,
                    time.clock(),
                    new ReleaseLog(store),
                    Map.of());
            RunEngine.Request request = new RunEngine.Request(
                    "run-1",
                    "staging",
                    Version.parse("1.4.0"),
                    Optional.of(Version.parse("1.3.0")),
                    checks.commit(),
                    ReleaseType.MINOR,
                    "Mark Liu",
                    null,
                    plan,
                    Targets.target(staging().target()),
                    Optional.of(MetricSources.source(staging().metrics())),
                    checks,
                    RunEngine.Observer.NONE);
            RunLog log = new RunLog(store);
            RunState state = new RunEngine(log, time).run(request);
            assertThat(state.finished()).isTrue();
            return RunLog.events(log.runs("1.4.0", "staging").get("run-1"));
        }
    }

    private static RunEvent.Ended end(List<RunEvent> events) {
        return events.stream()
                .filter(RunEvent.Ended.class::isInstance)
                .map(RunEvent.Ended.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static List<RunEvent.Sampled> samples(List<RunEvent> events, String trigger) {
        return events.stream()
                .filter(e -> e instanceof RunEvent.Sampled s && s.trigger().equals(trigger))
                .map(RunEvent.Sampled.class::cast)
                .toList();
    }

    private List<String> versions(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> http.get(env.port(), "/").version())
                .toList();
    }

    @Test
    void aHealthyCanaryIsReleasedWithAllTheTrafficOnTheNewVersion() throws Exception {
        environment(Map.of(), "25%, 100%");
        List<RunEvent> events = release();

        assertThat(end(events).verdict()).as(end(events).reason()).isEqualTo(Verdict.RELEASED);
        assertThat(env.seen("1.3.0"))
                .as("1.3.0's instances, running?")
                .hasSize(2)
                .doesNotContainValue(true);
        assertThat(samples(events, "DEP-020"))
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.value()).as(s.problem()).isEqualTo(0.0));
        // The three triggers of an instant read one window: cut once, the later ones would find it empty.
        assertThat(samples(events, "DEP-021"))
                .hasSize(4)
                .allSatisfy(
                        s -> assertThat(s.value()).as(s.problem()).isNotNull().isLessThan(5.0));
        assertThat(samples(events, "DEP-022"))
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.value()).as(s.problem()).isEqualTo(1.0));

        var routing = env.routing();
        assertThat(routing.stable().version()).isEqualTo("1.4.0");
        assertThat(routing.stable().instances()).hasSize(2);
        assertThat(routing.canary().instances()).isEmpty();
        assertThat(versions(20)).containsOnly("1.4.0");
        assertThat(env.instances()).extracting(r -> r.version()).containsExactly("1.4.0", "1.4.0");
        assertThat(env.started("1.3.0")).isEqualTo(2);
        assertThat(env.started("1.4.0")).isEqualTo(2);
    }

    @Test
    void aCanaryFailingEightRequestsInAHundredIsRolledBackAndTheStableVersionServesOn() throws Exception {
        environment(Map.of("1.4.0", "extra='--fail-rate 0.08'"), "25%, 50%, 100%");
        List<RunEvent> events = release();

        RunEvent.Ended end = end(events);
        assertThat(end.verdict()).as(end.reason()).isEqualTo(Verdict.ROLLED_BACK);
        assertThat(end.reason()).startsWith("DEP-020 fired");
        assertThat(samples(events, "DEP-020")).first().satisfies(s -> assertThat(s.value())
                .as("8 failures in the canary's 100 requests")
                .isEqualTo(0.08));
        assertThat(env.seen("1.4.0"))
                .as("1.4.0's instances, running?")
                .hasSize(2)
                .doesNotContainValue(true);
        assertThat(env.seen("1.3.0"))
                .as("1.3.0's instances, running?")
                .hasSize(2)
                .doesNotContainValue(false);
        assertThat(env.instances()).extracting(r -> r.version()).containsExactly("1.3.0", "1.3.0");
        var routing = env.routing();
        assertThat(routing.weight()).isZero();
        assertThat(routing.stable().version()).isEqualTo("1.3.0");
        assertThat(routing.canary().instances()).isEmpty();
        assertThat(versions(20)).containsOnly("1.3.0");
        assertThat(env.started("1.4.0")).isEqualTo(2);
    }

    @Test
    void anInstanceThatExitsAtOnceFailsTheDeployWithItsLogAndTheRunIsAborted() throws Exception {
        environment(Map.of("1.4.0", "echo \"no configuration for $version\" >&2; exit 3"), "25%, 100%");
        List<RunEvent> events = release();

        RunEvent.Ended end = end(events);
        assertThat(end.verdict()).as(end.reason()).isEqualTo(Verdict.ABORTED);
        assertThat(end.reason())
                .startsWith("deploy failed: deploy staging: instance 1 of 1.4.0 on port ")
                .contains("exited with code 3 before http://127.0.0.1:")
                .contains("no configuration for 1.4.0")
                .endsWith("nothing live was changed, and the deploy without traffic was undone");
        assertThat(env.instances()).extracting(r -> r.version()).containsExactly("1.3.0", "1.3.0");
        assertThat(versions(10)).containsOnly("1.3.0");
    }
}
