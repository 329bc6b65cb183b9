package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.analysis.MetricsServer;
import dev.gantry.analysis.PrometheusSource;
import dev.gantry.gate.CheckContext;
import dev.gantry.plan.Plan;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.testing.PlanText;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Each shape of run crashed after every one of its events, in process against the same store, and taken up again:
 * the verdict is that of the run without a crash, no finished action runs again, and no sample is lost. A run that
 * decided to roll back only ever goes back.
 */
@Execution(ExecutionMode.CONCURRENT)
// Its tally goes to standard output.
@ResourceLock(value = Resources.SYSTEM_OUT, mode = ResourceAccessMode.READ)
class RunCrashShapesTest {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    @TempDir
    Path root;

    private MetricsServer prometheus;
    /** Crash points per shape, printed once all shapes ran: the count that the run's promise was tried at. */
    private static final Map<String, Integer> CRASH_POINTS = new ConcurrentSkipListMap<>();

    private String shape;

    @AfterAll
    static void tally() {
        System.out.printf(
                "crash points: %d in %d shapes %s%n",
                CRASH_POINTS.values().stream().mapToInt(Integer::intValue).sum(), CRASH_POINTS.size(), CRASH_POINTS);
    }

    @BeforeEach
    void start(TestInfo test) throws Exception {
        shape = test.getTestMethod().orElseThrow().getName();
        prometheus = new MetricsServer();
        // The target fails an action when a file named after it exists: fail-set-weight-2, fail-rollback, ...
        script(
                "target.sh",
                "echo \"$GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID $GANTRY_COMMIT\" >> calls.log\n"
                        + "step=${GANTRY_STEP_ID#*/}\n"
                        + "if [ -e \"fail-$step\" ]; then echo \"$step refused\" >&2; exit 3; fi\n");
        // The smoke test fails while fail-smoke exists, until the target has rolled back.
        script("smoke.sh", "if [ -e fail-smoke ] && ! grep -q '^rollback' calls.log 2>/dev/null; then exit 1; fi\n");
        errorRate(minute -> "0.004");
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private void script(String name, String body) throws Exception {
        Path script = root.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void errorRate(IntFunction<String> byMinute) {
        Map<Instant, String> samples = new LinkedHashMap<>();
        for (int minute = 0; minute <= 120; minute++) samples.put(T0.plusSeconds(60L * minute), byMinute.apply(minute));
        prometheus.series("error_rate", Map.of(), samples);
    }

    private Plan plan(String severity, String rollout) throws Exception {
        return PlanText.load(
                root,
                """
                environments:
                  - { name: production }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%%", for: 2m, severity: %s }
                validation:
                  - { id: DEP-030, title: Health, check: { type: command, run: "./smoke.sh" } }
                rollout:
                %s
                """
                        .formatted(severity, rollout.indent(2)));
    }

    private static final String CANARY = "canary: { steps: [10%, 50%, 100%], watch: 3m, cadence: 1m }";

    private RunEngine.Request request(Store store, Plan plan, Time time) {
        CheckContext checks = new CheckContext(
                root,
                null,
                plan,
                "production",
                Version.parse("1.4.0"),
                "v1.4.0",
                Optional.of("v1.3.0"),
                "0123456789abcdef0123456789abcdef01234567",
                ReleaseType.MINOR,
                false,
                time.clock(),
                new ReleaseLog(store),
                Map.of());
        Target target = new CommandTarget(
                List.of("./target.sh"),
                List.of("./target.sh"),
                List.of("./target.sh"),
                List.of("./target.sh"),
                List.of(),
                Duration.ofSeconds(30),
                null);
        return new RunEngine.Request(
                "run-1",
                "production",
                Version.parse("1.4.0"),
                Optional.of(Version.parse("1.3.0")),
                checks.commit(),
                ReleaseType.MINOR,
                "Mark Liu",
                null,
                plan,
                target,
                Optional.of(new PrometheusSource(prometheus.base(), Map.of(), null, Duration.ofSeconds(5))),
                checks,
                RunEngine.Observer.NONE,
                List.of(),
                Optional.of("fedcba9876543210fedcba9876543210fedcba98"),
                RunEngine.Conduct.DETACHED);
    }

    /** What a person does to a run, between attempts: nothing, or an abort or a decision once it waits. */
    private interface Person {
        Person NOBODY = (engine, request, state) -> state;

        RunState act(RunEngine engine, RunEngine.Request request, RunState state) throws Exception;
    }

    private record Outcome(Verdict verdict, List<String> calls, List<String> samples) {}

    /** How the run is started, and taken up again: a release, or a person's rollback of a released version. */
    private interface Start {
        Start RELEASE = RunEngine::run;

        RunState go(RunEngine engine, RunEngine.Request request) throws Exception;
    }

    private Start start = Start.RELEASE;

    private Outcome once(Path state, Plan plan, Person person, int crashAfter) throws Exception {
        Files.deleteIfExists(root.resolve("calls.log"));
        Time.Virtual time = Time.virtual(T0);
        try (H2Store store = H2Store.open(state)) {
            RunEngine engine = new RunEngine(new RunLog(store), time);
            RunState ran = null;
            if (crashAfter > 0) {
                CrashingStore crashing = new CrashingStore(store, crashAfter);
                try {
                    ran = start.go(new RunEngine(new RunLog(crashing), time), request(crashing, plan, time));
                } catch (StoreException crashed) {
                    // the coordinator died here
                }
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                ran = start.go(engine, request(store, plan, time));
                if (ran.finished()) break;
                ran = person.act(engine, request(store, plan, time), ran);
                if (ran.finished()) break;
            }
            List<String> samples = new ArrayList<>();
            for (RunLog.Logged logged :
                    new RunLog(store).runs("1.4.0", "production").get("run-1")) {
                if (logged.event() instanceof RunEvent.Sampled s) samples.add(s.step() + "@" + logged.at());
            }
            List<String> calls =
                    Files.exists(root.resolve("calls.log")) ? Files.readAllLines(root.resolve("calls.log")) : List.of();
            return new Outcome(ran.end().orElseThrow().verdict(), calls, samples);
        }
    }

    /** Runs the shape without a crash, then crashed after each of its events in turn; returns the crash points. */
    private int crashEverywhere(Plan plan, Person person, Verdict expected) throws Exception {
        Outcome reference = once(root.resolve("reference"), plan, person, 0);
        assertThat(reference.verdict()).isEqualTo(expected);
        int total;
        try (H2Store store = H2Store.open(root.resolve("reference"))) {
            total = store.events("1.4.0", null).size();
        }
        for (int crashAt = 1; crashAt < total; crashAt++) {
            Outcome crashed = once(root.resolve("state-" + crashAt), plan, person, crashAt);
            assertThat(crashed.verdict()).as("crash after event %d", crashAt).isEqualTo(expected);
            // An action runs again only when it started and never finished, with its own key.
            assertThat(crashed.calls().stream().distinct().toList())
                    .as("crash after event %d", crashAt)
                    .isEqualTo(reference.calls());
            assertThat(crashed.calls().size() - reference.calls().size())
                    .as("crash after event %d: at most the interrupted action again", crashAt)
                    .isBetween(0, 1);
            assertThat(crashed.samples()).as("crash after event %d", crashAt).isEqualTo(reference.samples());
        }
        CRASH_POINTS.merge(shape, total - 1, Integer::sum);
        return total - 1;
    }

    @Test
    void aHealthyCanaryIsReleased() throws Exception {
        crashEverywhere(plan("hard", CANARY), Person.NOBODY, Verdict.RELEASED);
        assertThat(Files.readAllLines(root.resolve("calls.log"))).noneMatch(c -> c.startsWith("rollback"));
    }

    @Test
    void aFailedSmokeTestUndoesTheDeployAndAResumeNeverGoesForward() throws Exception {
        // A canary's smoke test runs before any traffic: its failure undoes the deploy, and users saw nothing.
        Files.writeString(root.resolve("fail-smoke"), "");
        int points = crashEverywhere(plan("hard", CANARY), Person.NOBODY, Verdict.ABORTED);
        assertThat(points).isGreaterThan(8);
        assertThat(Files.readAllLines(root.resolve("calls.log")))
                .noneMatch(c -> c.startsWith("set-weight"))
                .anyMatch(c -> c.startsWith("rollback"));
    }

    @Test
    void aFailedSetWeightIsNeverRepeatedForward() throws Exception {
        Files.writeString(root.resolve("fail-set-weight-2"), "");
        crashEverywhere(plan("hard", CANARY), Person.NOBODY, Verdict.ROLLED_BACK);
        assertThat(Files.readAllLines(root.resolve("calls.log")))
                .noneMatch(c -> c.startsWith("set-weight 100"))
                .filteredOn(c -> c.startsWith("set-weight 50"))
                .hasSize(1);
    }

    @Test
    void aFailedRollbackIsRollbackFailedNeverASuccess() throws Exception {
        Files.writeString(root.resolve("fail-set-weight-2"), "");
        Files.writeString(root.resolve("fail-rollback"), "");
        crashEverywhere(plan("hard", CANARY), Person.NOBODY, Verdict.ROLLBACK_FAILED);
    }

    @Test
    void aHardBreachAtStepTwoRollsBack() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        crashEverywhere(plan("hard", CANARY), Person.NOBODY, Verdict.ROLLED_BACK);
    }

    @Test
    void aSoftPauseThenADecisionToGoOnIsReleasedWithOverride() throws Exception {
        errorRate(minute -> minute >= 4 && minute < 7 ? "0.05" : "0.004");
        Person decides = (engine, request, state) ->
                state.waiting().isPresent() ? engine.decide(request, true, "Linh Vo", "known spike") : state;
        crashEverywhere(plan("soft", CANARY), decides, Verdict.RELEASED_WITH_OVERRIDE);
    }

    @Test
    void anAbortRollsBackWhatTheRunChanged() throws Exception {
        String paused = CANARY.replace("cadence: 1m", "cadence: 1m, pauseAt: [50%]");
        Person aborts = (engine, request, state) -> {
            if (state.waiting().isEmpty()) return state;
            engine.ask(request, new RunEvent.Requested(RunEvent.Requested.Ask.ABORT, "Mark Liu", "support calls"));
            return engine.run(request);
        };
        crashEverywhere(plan("hard", paused), aborts, Verdict.ROLLED_BACK);
    }

    @Test
    void aPersonsRollbackOfAReleasedVersionIsCarriedOnAfterACrash() throws Exception {
        start = (engine, request) -> engine.rollBackReleased(request, "Mark Liu", "INC-7 checkout errors");
        crashEverywhere(plan("hard", CANARY), Person.NOBODY, Verdict.ROLLED_BACK);
        assertThat(Files.readAllLines(root.resolve("calls.log")))
                .containsExactly("rollback 0 run-1/rollback 0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void aBlueGreenReleaseIsReleased() throws Exception {
        crashEverywhere(
                plan("hard", "strategy: blue-green\nblueGreen: { watch: 3m }\ncanary: { cadence: 1m }"),
                Person.NOBODY,
                Verdict.RELEASED);
    }

    @Test
    void aRollingReleaseStoppedAtABatchRollsBack() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        crashEverywhere(
                plan("hard", "strategy: rolling\nrolling: { batches: 3, watch: 3m }\ncanary: { cadence: 1m }"),
                Person.NOBODY,
                Verdict.ROLLED_BACK);
    }

    @Test
    void aTriggerWithoutDataWhosePlanSaysPauseWaitsForAPersonInsteadOfRollingBack() throws Exception {
        Plan plan = PlanText.load(
                root,
                """
                environments:
                  - { name: production }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: no_such_series, threshold: "> 2%", onNoData: pause }
                rollout:
                  canary: { steps: [10%, 100%], watch: 3m, cadence: 1m }
                """);
        Time.Virtual time = Time.virtual(T0);
        try (H2Store store = H2Store.open(root.resolve("nodata"))) {
            RunState state = new RunEngine(new RunLog(store), time).run(request(store, plan, time));
            assertThat(state.end()).isEmpty();
            assertThat(state.waiting()).hasValueSatisfying(p -> assertThat(p.reason())
                    .startsWith("trigger DEP-020 is inconclusive: ")
                    .endsWith("its onNoData asks a person to decide"));
            assertThat(Files.readAllLines(root.resolve("calls.log"))).noneMatch(c -> c.startsWith("rollback"));
        }
    }

    @Test
    void theSmokeTestAfterARollbackChecksTheVersionBroughtBack() throws Exception {
        errorRate(minute -> minute >= 4 ? "0.05" : "0.004");
        script("smoke.sh", "echo \"$GANTRY_VERSION $GANTRY_COMMIT\" >> smoke.log\n");
        once(root.resolve("back"), plan("hard", CANARY), Person.NOBODY, 0);
        assertThat(Files.readAllLines(root.resolve("smoke.log")))
                .containsExactly(
                        "1.4.0 0123456789abcdef0123456789abcdef01234567",
                        "1.3.0 fedcba9876543210fedcba9876543210fedcba98");
    }

    @Test
    void everyScriptIsToldTheRunsCommitAndTheOneBefore() throws Exception {
        script(
                "target.sh",
                "echo \"$GANTRY_COMMIT $GANTRY_PREVIOUS_COMMIT $GANTRY_TAG $GANTRY_RUN_ID $GANTRY_ENVIRONMENT"
                        + " $GANTRY_PREVIOUS_VERSION\" >> calls.log\n");
        once(root.resolve("env"), plan("hard", CANARY), Person.NOBODY, 0);
        assertThat(Files.readAllLines(root.resolve("calls.log")))
                .first()
                .isEqualTo("0123456789abcdef0123456789abcdef01234567 fedcba9876543210fedcba9876543210fedcba98 v1.4.0"
                        + " run-1 production 1.3.0");
    }

    @Test
    void timeNobodyWatchedIsAGapAndDoesNotCountTowardTheWatch() throws Exception {
        Plan plan = plan("hard", CANARY);
        Time.Virtual time = Time.virtual(T0);
        // The coordinator dies right after the first sample of step 1 and comes back 10 minutes later.
        for (int survive = 1; ; survive++) {
            Path state = root.resolve("gap-" + survive);
            if (crashedAfterFirstSample(state, plan, time, survive)) {
                gapAfter(state, plan, time);
                return;
            }
            time = Time.virtual(T0);
        }
    }

    private boolean crashedAfterFirstSample(Path state, Plan plan, Time.Virtual time, int survive) throws Exception {
        try (H2Store store = H2Store.open(state)) {
            CrashingStore crashing = new CrashingStore(store, survive);
            try {
                new RunEngine(new RunLog(crashing), time).run(request(crashing, plan, time));
            } catch (StoreException crashed) {
                // down
            }
            List<RunLog.Logged> before =
                    new RunLog(store).runs("1.4.0", "production").get("run-1");
            return before.get(before.size() - 1).event() instanceof RunEvent.Sampled;
        }
    }

    private void gapAfter(Path folder, Plan plan, Time.Virtual time) throws Exception {
        try (H2Store store = H2Store.open(folder)) {
            time.advance(Duration.ofMinutes(10));
            RunState state = new RunEngine(new RunLog(store), time).run(request(store, plan, time));
            assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.RELEASED);
            List<RunLog.Logged> events =
                    new RunLog(store).runs("1.4.0", "production").get("run-1");
            RunEvent.WatchGap gap = events.stream()
                    .map(RunLog.Logged::event)
                    .filter(RunEvent.WatchGap.class::isInstance)
                    .map(RunEvent.WatchGap.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(Duration.between(gap.from(), gap.to())).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
            List<Instant> step1 = events.stream()
                    .filter(l -> l.event() instanceof RunEvent.Sampled s && s.step() == 1)
                    .map(RunLog.Logged::at)
                    .toList();
            // A 3-minute window is three rounds: one before the crash, then the two it still owes, from the moment
            // the run was taken up, a minute apart. No burst of back-filled samples, and the gap does not count.
            assertThat(step1).hasSize(3);
            assertThat(step1.get(1)).isEqualTo(gap.to());
            assertThat(Duration.between(step1.get(1), step1.get(2))).isEqualTo(Duration.ofMinutes(1));
        }
    }
}
