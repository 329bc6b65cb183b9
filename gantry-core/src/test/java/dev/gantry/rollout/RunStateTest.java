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
import dev.gantry.store.Anchors;
import dev.gantry.store.H2Store;
import dev.gantry.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    /** Appends events {@code from} (inclusive) to {@code to} (exclusive) of the canary run {@code runId}. */
    private static String appendCanary(Path state, String runId, int from, int to, String previous) throws Exception {
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            for (int i = from; i < to; i++) {
                previous = log.append(
                                runId, "1.4.0", "production", "Mark Liu", T0.plusSeconds(i), CANARY.get(i), previous)
                        .hash();
            }
        }
        return previous;
    }

    @Test
    void aRunWhoseDatabaseWentBackToAnOlderCopyIsRefusedThoughItsEventsStillChain(@TempDir Path state)
            throws Exception {
        String previous = appendCanary(state, "run-1", 0, 4, "");
        Path db = state.resolve("gantry.mv.db");
        Path older = state.resolve("older.copy");
        Files.copy(db, older);
        appendCanary(state, "run-1", 4, CANARY.size(), previous);
        // The database is put back as it was mid-run (a restored backup, a half-written copy): a resumed run would
        // deploy again what it deployed since.
        Files.copy(older, db, StandardCopyOption.REPLACE_EXISTING);

        try (H2Store store = H2Store.open(state)) {
            assertThatThrownBy(() -> new RunLog(store).verify("1.4.0", "production", "run-1"))
                    .isInstanceOf(RunLog.LostEvents.class)
                    .hasMessageStartingWith("run run-1 cannot be trusted: the state database no longer holds its event "
                            + CANARY.size() + " (hash ")
                    .hasMessageContaining(
                            "the last event the database holds is 4 (run.phase-entered at " + "2026-03-20T09:00:03Z)")
                    .hasMessageContaining("truncated, rewound to an older copy or had events deleted");
        }
    }

    @Test
    void aRunWhoseLastEventsWereDeletedIsRefused(@TempDir Path state) throws Exception {
        appendCanary(state, "run-1", 0, CANARY.size(), "");
        String url = "jdbc:h2:file:" + state.toAbsolutePath().resolve("gantry");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement().executeUpdate("DELETE FROM events WHERE sequence > 6");
        }
        try (H2Store store = H2Store.open(state)) {
            assertThatThrownBy(() -> new RunLog(store).verify("1.4.0", "production", "run-1"))
                    .isInstanceOf(RunLog.LostEvents.class)
                    .hasMessageContaining("the last event the database holds is 6 (");
        }
    }

    @Test
    void aRunTheDatabaseLostWholeIsSeenBeforeAnotherStartsInItsEnvironment(@TempDir Path state) throws Exception {
        appendCanary(state, "run-1", 0, CANARY.size(), "");
        Path db = state.resolve("gantry.mv.db");
        Path older = state.resolve("older.copy");
        Files.copy(db, older);
        appendCanary(state, "run-2", 0, 3, "");
        Files.copy(older, db, StandardCopyOption.REPLACE_EXISTING);

        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            assertThatThrownBy(() -> log.verifyRuns("production"))
                    .isInstanceOf(RunLog.LostEvents.class)
                    .hasMessageStartingWith("run run-2 cannot be trusted")
                    .hasMessageContaining("the last event the database holds is none");
            log.verifyRuns("staging");
        }
    }

    @Test
    void anAnchorOneEventBehindAfterACrashIsNoLoss(@TempDir Path state) throws Exception {
        appendCanary(state, "run-1", 0, CANARY.size(), "");
        try (H2Store store = H2Store.open(state)) {
            // The coordinator died after its last event was stored and before the anchor moved to it.
            List<RunLog.Logged> events =
                    new RunLog(store).runs("1.4.0", "production").get("run-1");
            RunLog.Logged oneBefore = events.get(events.size() - 2);
            store.anchors().set("production", "run-1", new Anchors.Anchor(oneBefore.sequence(), oneBefore.hash()));
            new RunLog(store).verify("1.4.0", "production", "run-1");
            new RunLog(store).verifyRuns("production");
        }
    }

    @Test
    void aDamagedAnchorIsAnErrorThatNamesItsFile(@TempDir Path state) throws Exception {
        appendCanary(state, "run-1", 0, 3, "");
        try (var files = Files.list(state.resolve("anchors"))) {
            Path anchor = files.findFirst().orElseThrow();
            assertThat(anchor.getFileName().toString()).isEqualTo("production~run-1");
            Files.writeString(anchor, "12 not-a-hash\n");
        }
        try (H2Store store = H2Store.open(state)) {
            assertThatThrownBy(() -> new RunLog(store).verify("1.4.0", "production", "run-1"))
                    .hasMessageContaining("the anchor of run run-1 at ")
                    .hasMessageEndingWith("production~run-1 is damaged: expected \"<sequence> <sha-256 in hex>\"");
        }
    }

    @Test
    void aTruncatedDatabaseNeverGivesARunBackWithFewerEvents(@TempDir Path root) throws Exception {
        Path whole = root.resolve("whole");
        String previous = appendCanary(whole, "run-1", 0, 8, "");
        appendCanary(whole, "run-1", 8, CANARY.size(), previous);
        long size = Files.size(whole.resolve("gantry.mv.db"));
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        // Cut at every 4 KiB block from the end down to half the file: H2 refuses the damaged file, or opens the
        // last whole state it finds in it, which is older.
        for (long cut = size - 4096; cut >= size / 2; cut -= 4096) {
            Path state = root.resolve("cut-" + cut);
            Files.createDirectories(state);
            Files.copy(whole.resolve("gantry.mv.db"), state.resolve("gantry.mv.db"));
            copyFolder(whole.resolve("anchors"), state.resolve("anchors"));
            try (var file = java.nio.channels.FileChannel.open(
                    state.resolve("gantry.mv.db"), java.nio.file.StandardOpenOption.WRITE)) {
                file.truncate(cut);
            }
            outcomes.merge(truncated(state), 1, Integer::sum);
        }
        assertThat(outcomes.keySet()).isNotEmpty().isSubsetOf("refused", "lost events seen", "all events held");
    }

    private static String truncated(Path state) {
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            int held = log.runs("1.4.0", "production")
                    .getOrDefault("run-1", List.of())
                    .size();
            if (held == CANARY.size()) {
                log.verify("1.4.0", "production", "run-1");
                return "all events held";
            }
            assertThatThrownBy(() -> log.verify("1.4.0", "production", "run-1"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("run run-1 cannot be trusted");
            return "lost events seen";
        } catch (StoreException refused) {
            assertThat(refused).hasMessageContaining("cannot open the state database");
            return "refused";
        }
    }

    private static void copyFolder(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    @Test
    void aPollReadsOnlyTheEventsAfterTheOnesItKnows(@TempDir Path state) throws Exception {
        appendCanary(state, "run-1", 0, CANARY.size(), "");
        appendCanary(state, "run-2", 0, 2, "");
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            List<RunLog.Logged> all = log.runs("1.4.0", "production").get("run-1");
            List<RunLog.Logged> after =
                    log.runAfter("1.4.0", "production", "run-1", all.get(5).sequence());
            assertThat(after).isEqualTo(all.subList(6, all.size()));
            assertThat(log.runAfter("1.4.0", "production", "run-1", 0)).isEqualTo(all);
            assertThat(log.runAfter("1.4.0", "staging", "run-1", 0)).isEmpty();
        }
    }
}
