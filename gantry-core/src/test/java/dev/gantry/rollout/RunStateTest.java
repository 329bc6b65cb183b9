package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.Strategy;
import dev.gantry.rollout.RunEvent.ActionFinished;
import dev.gantry.rollout.RunEvent.ActionStarted;
import dev.gantry.rollout.RunEvent.Breached;
import dev.gantry.rollout.RunEvent.Decided;
import dev.gantry.rollout.RunEvent.Ended;
import dev.gantry.rollout.RunEvent.GateDecided;
import dev.gantry.rollout.RunEvent.Paused;
import dev.gantry.rollout.RunEvent.PhaseEntered;
import dev.gantry.rollout.RunEvent.Sampled;
import dev.gantry.rollout.RunEvent.Started;
import dev.gantry.rollout.RunEvent.StrategyChosen;
import dev.gantry.rollout.RunEvent.ValidationRan;
import dev.gantry.store.H2Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {

    private static final Started START = new Started("run-1", "production", "1.4.0", "1.3.0", "abc1234", "Mark Liu");

    private static final List<RunEvent> CANARY = List.of(
            START,
            new PhaseEntered(Phase.GATE),
            new GateDecided(dev.gantry.gate.Decision.GO, "5 met"),
            new PhaseEntered(Phase.STRATEGY),
            new StrategyChosen(Strategy.CANARY, Strategy.CANARY, ""),
            new PhaseEntered(Phase.EXECUTE),
            new ActionStarted("run-1/deploy", Action.DEPLOY, 0, 0),
            new ActionFinished("run-1/deploy", true, "deployed"),
            new ActionStarted("run-1/weight-1", Action.SET_WEIGHT, 10, 1),
            new ActionFinished("run-1/weight-1", true, "10%"),
            new PhaseEntered(Phase.SMOKE_TEST),
            new ValidationRan("DEP-030", "Health", true, 43, "200"),
            new PhaseEntered(Phase.WATCH),
            new Sampled(1, "DEP-020", "error_rate", 0.004, "", dev.gantry.analysis.Evaluation.State.OK, null),
            new Sampled(
                    1, "DEP-021", "p95_latency", null, "no data", dev.gantry.analysis.Evaluation.State.NO_DATA, null),
            new ActionStarted("run-1/weight-2", Action.SET_WEIGHT, 50, 2));

    @Test
    void theStateComesFromTheEventsAlone() {
        RunState state = RunState.of(CANARY);
        assertThat(state.phase()).isEqualTo(Phase.WATCH);
        assertThat(state.doneActions()).containsExactlyInAnyOrder("run-1/deploy", "run-1/weight-1");
        assertThat(state.pendingActions()).containsOnlyKeys("run-1/weight-2");
        assertThat(state.weight()).as("the 50% step never reported back").isEqualTo(10);
        assertThat(state.liveChanged()).isTrue();
        assertThat(state.finished()).isFalse();
    }

    @Test
    void aPauseWaitsUntilDecidedAndAnEndFinishes() {
        List<RunEvent> paused = new java.util.ArrayList<>(CANARY);
        paused.add(new Breached("DEP-020", dev.gantry.plan.Severity.SOFT, "error_rate 2.6% > 2% for 5m"));
        paused.add(new Paused("soft breach of DEP-020", false));
        assertThat(RunState.of(paused).waiting()).isPresent();
        paused.add(new Decided(false, "Mark Liu", "too risky"));
        paused.add(new ActionStarted("run-1/rollback", Action.ROLLBACK, 0, 0));
        paused.add(new ActionFinished("run-1/rollback", true, "back on 1.3.0"));
        paused.add(new Ended(Verdict.ROLLED_BACK, "soft breach of DEP-020, rolled back by Mark Liu", true));
        RunState state = RunState.of(paused);
        assertThat(state.waiting()).isEmpty();
        assertThat(state.weight()).isZero();
        assertThat(state.end()).hasValueSatisfying(e -> assertThat(e.verdict()).isEqualTo(Verdict.ROLLED_BACK));
    }

    @Test
    void aRunBeginsWithStarted() {
        assertThatThrownBy(() -> RunState.of(List.of(new PhaseEntered(Phase.GATE))))
                .hasMessage("a run's events begin with Started");
    }

    @Test
    void everyEventSurvivesTheStoreAndRunsStayApart(@TempDir Path state) throws Exception {
        Instant t0 = Instant.parse("2026-03-20T09:00:00Z");
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            String previous = "";
            for (int i = 0; i < CANARY.size(); i++) {
                previous = log.append(
                                "run-1", "1.4.0", "production", "Mark Liu", t0.plusSeconds(i), CANARY.get(i), previous)
                        .hash();
            }
            log.append(
                    "run-2",
                    "1.4.0",
                    "production",
                    "Mark Liu",
                    t0.plusSeconds(100),
                    new Started("run-2", "production", "1.4.0", null, "abc1234", "Mark Liu"),
                    "");
            log.append(
                    "run-3",
                    "1.4.0",
                    "staging",
                    "Mark Liu",
                    t0,
                    new Started("run-3", "staging", "1.4.0", null, "abc1234", "Mark Liu"),
                    "");
            log.append(
                    "run-1",
                    "1.4.0",
                    "production",
                    "Mark Liu",
                    t0.plusSeconds(200),
                    new Ended(Verdict.RELEASED, "all steps watched", true),
                    previous);
        }
        try (H2Store store = H2Store.open(state)) {
            Map<String, List<RunLog.Logged>> runs = new RunLog(store).runs("1.4.0", "production");
            assertThat(runs).containsOnlyKeys("run-1", "run-2");
            List<RunEvent> events = RunLog.events(runs.get("run-1"));
            assertThat(events.subList(0, CANARY.size())).isEqualTo(CANARY);
            assertThat(events.get(events.size() - 1)).isEqualTo(new Ended(Verdict.RELEASED, "all steps watched", true));
            assertThat(runs.get("run-1").get(1).at()).isEqualTo(t0.plusSeconds(1));
            new RunLog(store).verify("1.4.0", "production", "run-1");
        }
    }

    @Test
    void aRunWhoseEventWasEditedOrDeletedInTheDatabaseIsRefusedWithItsLastGoodEvent(@TempDir Path state)
            throws Exception {
        Instant t0 = Instant.parse("2026-03-20T09:00:00Z");
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            String previous = "";
            for (int i = 0; i < CANARY.size(); i++) {
                previous = log.append(
                                "run-1", "1.4.0", "production", "Mark Liu", t0.plusSeconds(i), CANARY.get(i), previous)
                        .hash();
            }
        }
        String url = "jdbc:h2:file:" + state.toAbsolutePath().resolve("gantry");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            // A finished deploy lost: a resumed run would deploy again.
            db.createStatement().executeUpdate("DELETE FROM events WHERE kind = 'run.action-finished'");
        }
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            assertThatThrownBy(() -> log.verify("1.4.0", "production", "run-1"))
                    .isInstanceOf(RunLog.BrokenChain.class)
                    .hasMessageContaining("do not chain at event")
                    .hasMessageContaining("the last good event is")
                    .hasMessageContaining("the last good event is 7 (run.action-started at 2026-03-20T09:00:06Z)");
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement().executeUpdate("DELETE FROM events");
        }
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            String previous = "";
            for (int i = 0; i < CANARY.size(); i++) {
                previous = log.append(
                                "run-1", "1.4.0", "production", "Mark Liu", t0.plusSeconds(i), CANARY.get(i), previous)
                        .hash();
            }
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement()
                    .executeUpdate(
                            "UPDATE events SET payload = REPLACE(payload, '10', '100') WHERE kind = 'run.action-started'");
        }
        try (H2Store store = H2Store.open(state)) {
            assertThatThrownBy(() -> new RunLog(store).verify("1.4.0", "production", "run-1"))
                    .isInstanceOf(RunLog.BrokenChain.class);
        }
    }

    @Test
    void aRunEventOfAKindThisGantryDoesNotKnowIsAnErrorNamingIt(@TempDir Path state) throws Exception {
        try (H2Store store = H2Store.open(state)) {
            store.append(new dev.gantry.store.NewEvent(
                    Instant.parse("2026-03-20T09:00:00Z"),
                    "1.4.0",
                    "production",
                    "run.teleported",
                    "",
                    "{\"@run\":\"run-1\"}"));
            assertThatThrownBy(() -> new RunLog(store).runs("1.4.0", "production"))
                    .hasMessageContaining("\"run.teleported\", which this Gantry does not know");
        }
    }

    @Test
    void kindsAreNamedAfterTheirRecords() {
        assertThat(RunEvent.kinds())
                .containsKeys("run.started", "run.action-finished", "run.phase-entered", "run.ended");
        assertThat(RunEvent.kinds()).hasSize(RunEvent.class.getPermittedSubclasses().length);
    }
}
