package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.analysis.MetricsServer;
import dev.gantry.analysis.PrometheusSource;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagStates;
import dev.gantry.gate.CheckContext;
import dev.gantry.plan.Plan;
import dev.gantry.report.RunReport;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback turns off the flags the plan ties to the release before traffic moves back (seed 004: "Set feature flag
 * OFF (instant mitigation)"), records each with its time, and does so once, also when crashed at any event.
 */
class RollbackFlagsTest {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");
    private static final String TRAFFIC_BACK = "run-1/traffic-back";

    @TempDir
    Path root;

    private MetricsServer prometheus;
    private Plan plan;

    @BeforeEach
    void start() throws Exception {
        prometheus = new MetricsServer();
        script("target.sh", "echo \"$GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID\" >> calls.log\n");
        script("smoke.sh", "exit 0\n");
        Map<Instant, String> samples = new LinkedHashMap<>();
        for (int minute = 0; minute <= 120; minute++) {
            samples.put(T0.plusSeconds(60L * minute), minute >= 4 ? "0.05" : "0.004");
        }
        prometheus.series("error_rate", Map.of(), samples);
        plan = PlanText.load(
                root,
                """
                environments:
                  - { name: staging }
                  - { name: production }
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%", for: 2m, severity: hard }
                validation:
                  - { id: DEP-030, title: Health, check: { type: command, run: "./smoke.sh" } }
                rollout:
                  canary: { steps: [10%, 50%, 100%], watch: 3m, cadence: 1m }
                flags:
                  - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
                  - { name: search-v2, type: experiment, release: 1.4.0 }
                  - { name: pay-kill, type: kill-switch, release: 1.4.0 }
                  - { name: old-banner, type: release, release: 1.3.0 }
                """);
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    @Test
    void aCanaryWhoseTriggerFiresTurnsTheReleasesFlagOffBeforeTrafficMovesBack() throws Exception {
        Time.Virtual time = Time.virtual(T0);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            flagsOn(store);
            RunState state = new RunEngine(new RunLog(store), time).run(request(store, time));
            assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.ROLLED_BACK);

            List<RunLog.Logged> events =
                    new RunLog(store).runs("1.4.0", "production").get("run-1");
            List<RunEvent.FlagTurnedOff> off = offs(events);
            assertThat(off).extracting(RunEvent.FlagTurnedOff::flag).containsExactly("new-checkout");
            assertThat(indexOfFlagOff(events)).isGreaterThan(indexOf(events, RunEvent.RollbackDecided.class));
            assertThat(indexOfFlagOff(events)).isLessThan(indexOfTrafficBack(events));

            FlagStates states = new FlagStates(store);
            assertThat(states.flag(plan, "production", "new-checkout").on()).isFalse();
            assertThat(states.flag(plan, "production", "pay-kill").on())
                    .as("a kill switch is not touched")
                    .isTrue();
            assertThat(states.flag(plan, "production", "old-banner").on())
                    .as("another release's flag")
                    .isTrue();
            assertThat(states.flag(plan, "staging", "new-checkout").on())
                    .as("another environment")
                    .isTrue();
            FlagEvent change =
                    states.flag(plan, "production", "new-checkout").last().orElseThrow();
            assertThat(change.run()).contains("run-1");
            assertThat(change.reason()).startsWith("rollback of 1.4.0 in production: ");
            assertThat(off.get(0).offAt()).isEqualTo(change.at());
            assertThat(off.get(0).change()).isEqualTo(change.sequence());

            RunReport report = new RunReport(
                    events,
                    Optional.empty(),
                    new ReleaseChanges(
                            "1.4.0",
                            LocalDate.parse("2026-03-20"),
                            Optional.of("v1.3.0"),
                            Optional.of("v1.4.0"),
                            List.of()),
                    List.of(),
                    "",
                    "Prometheus",
                    plan.rollback(),
                    ZoneOffset.UTC);
            assertThat(report.markdown()).contains("- Flags turned off: new-checkout at ");
            assertThat(report.html()).contains("Flags turned off: new-checkout at ");
            assertThat(report.json()).contains("\"kind\" : \"run.flag-turned-off\"");
        }
    }

    @Test
    void aPersonsRollbackOfTheReleasedVersionTurnsItsFlagsOffInTheirName() throws Exception {
        Time.Virtual time = Time.virtual(T0);
        try (H2Store store = H2Store.open(root.resolve("state"))) {
            flagsOn(store);
            RunState state = new RunEngine(new RunLog(store), time)
                    .rollBackReleased(request(store, time), "Mark Liu", "INC-7 checkout errors");
            assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.ROLLED_BACK);
            FlagEvent change = new FlagStates(store)
                    .flag(plan, "production", "new-checkout")
                    .last()
                    .orElseThrow();
            assertThat(change.change()).isEqualTo(new FlagChange.Switched(false));
            assertThat(change.actor()).isEqualTo("Mark Liu");
            List<RunLog.Logged> events =
                    new RunLog(store).runs("1.4.0", "production").get("run-1");
            assertThat(offs(events)).extracting(RunEvent.FlagTurnedOff::flag).containsExactly("new-checkout");
        }
    }

    @Test
    void aCrashAtAnyEventNeverClaimsAFlagOffThatIsOnAndNeverTurnsItOffTwice() throws Exception {
        int appends;
        int decided;
        try (H2Store store = H2Store.open(root.resolve("reference"))) {
            flagsOn(store);
            int before = store.events(null, null).size();
            new RunEngine(new RunLog(store), Time.virtual(T0)).run(request(store, Time.virtual(T0)));
            List<String> kinds = store.events(null, null).stream()
                    .skip(before)
                    .map(dev.gantry.store.Event::kind)
                    .toList();
            appends = kinds.size();
            decided = kinds.indexOf("run.rollback-decided");
        }
        // Flags change only once the rollback is decided: every crash from the append of that decision on.
        assertThat(appends - decided).isGreaterThan(6);
        for (int crashAt = decided; crashAt < appends; crashAt++) {
            Files.deleteIfExists(root.resolve("calls.log"));
            Time.Virtual time = Time.virtual(T0);
            try (H2Store store = H2Store.open(root.resolve("state-" + crashAt))) {
                flagsOn(store);
                CrashingStore crashing = new CrashingStore(store, crashAt);
                try {
                    new RunEngine(new RunLog(crashing), time).run(request(crashing, time));
                } catch (StoreException crashed) {
                    // the coordinator died here
                }
                FlagStates states = new FlagStates(store);
                List<RunLog.Logged> atCrash =
                        new RunLog(store).runs("1.4.0", "production").get("run-1");
                for (RunEvent.FlagTurnedOff claimed : offs(atCrash)) {
                    assertThat(states.flag(plan, "production", claimed.flag()).on())
                            .as("crash after append %d: the record claims %s off", crashAt, claimed.flag())
                            .isFalse();
                }
                RunState state = new RunEngine(new RunLog(store), time).run(request(store, time));
                assertThat(state.end().orElseThrow().verdict())
                        .as("crash after append %d", crashAt)
                        .isEqualTo(Verdict.ROLLED_BACK);
                List<RunLog.Logged> events =
                        new RunLog(store).runs("1.4.0", "production").get("run-1");
                assertThat(offs(events))
                        .as("crash after append %d", crashAt)
                        .extracting(RunEvent.FlagTurnedOff::flag)
                        .containsExactly("new-checkout");
                assertThat(indexOfFlagOff(events))
                        .as("crash after append %d", crashAt)
                        .isLessThan(indexOfTrafficBack(events));
                assertThat(states.history(plan, "new-checkout", Optional.of("production")))
                        .as("crash after append %d: turned on once, off once", crashAt)
                        .extracting(FlagEvent::change)
                        .containsExactly(new FlagChange.Switched(true), new FlagChange.Switched(false));
                assertThat(states.flag(plan, "production", "pay-kill").on()).isTrue();
            }
        }
    }

    private void flagsOn(Store store) throws Exception {
        FlagStates states = new FlagStates(store);
        for (String flag : List.of("new-checkout", "pay-kill", "old-banner")) {
            states.turn(plan, "production", flag, true, "Ana Lima", "launch", T0.minusSeconds(600));
        }
        states.turn(plan, "staging", "new-checkout", true, "Ana Lima", "QA", T0.minusSeconds(900));
    }

    private static List<RunEvent.FlagTurnedOff> offs(List<RunLog.Logged> events) {
        return events.stream()
                .map(RunLog.Logged::event)
                .filter(RunEvent.FlagTurnedOff.class::isInstance)
                .map(RunEvent.FlagTurnedOff.class::cast)
                .toList();
    }

    private static int indexOf(List<RunLog.Logged> events, Class<? extends RunEvent> type) {
        for (int i = 0; i < events.size(); i++)
            if (type.isInstance(events.get(i).event())) return i;
        return -1;
    }

    private static int indexOfFlagOff(List<RunLog.Logged> events) {
        return indexOf(events, RunEvent.FlagTurnedOff.class);
    }

    private static int indexOfTrafficBack(List<RunLog.Logged> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).event() instanceof RunEvent.ActionStarted a
                    && a.stepId().equals(TRAFFIC_BACK)) return i;
        }
        throw new AssertionError("traffic never moved back");
    }

    private void script(String name, String body) throws Exception {
        Path script = root.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private RunEngine.Request request(Store store, Time time) {
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
}
