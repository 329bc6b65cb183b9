package dev.gantry.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import dev.gantry.testing.PlanText;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release service's rules, on a real store and a real repository. */
class ReleaseServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    @TempDir
    Path dir;

    private static void run(RunLog log, String runId, String env, String version, String commit, Verdict verdict)
            throws Exception {
        String previous = log.append(
                        runId,
                        version,
                        env,
                        "Mark Liu",
                        T0,
                        new RunEvent.Started(runId, env, version, null, commit, "Mark Liu"),
                        "")
                .hash();
        if (verdict != null) {
            log.append(runId, version, env, "Mark Liu", T0, new RunEvent.Ended(verdict, "done", true), previous);
        }
    }

    @Test
    void requiresMeansTheSameCommitWasReleasedNotTheSameVersionNumber() throws Exception {
        Plan plan = PlanText.load(
                dir, "environments:\n  - { name: staging }\n  - { name: production, requires: [staging] }\n");
        Environment production = plan.environment("production").orElseThrow();
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            ReleaseService service = new ReleaseService(store, Time.virtual(T0), Coordinator.thisProcess());
            RunLog log = new RunLog(store);
            assertThatThrownBy(() -> service.requireReleased(production, "1.3.0", "b".repeat(40)))
                    .hasMessageContaining("which has not released 1.3.0 yet");
            run(log, "s-1", "staging", "1.3.0", "a".repeat(40), Verdict.ROLLED_BACK);
            run(log, "s-2", "staging", "1.3.0", "b".repeat(40), Verdict.RELEASED);
            service.requireReleased(production, "1.3.0", "b".repeat(40));
            assertThatThrownBy(() -> service.requireReleased(production, "1.3.0", "a".repeat(40)))
                    .isInstanceOf(Refused.class)
                    .hasMessage("production requires staging, which released 1.3.0 from commit bbbbbbb, not from this"
                            + " release's commit aaaaaaa: release commit aaaaaaa to staging first");
        }
    }

    @Test
    void aRunIdNeverRepeatsEvenOnAFixedClock() throws Exception {
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            // SOURCE_DATE_EPOCH fixes the clock: every run would get the same time in its id.
            ReleaseService service = new ReleaseService(store, Time.virtual(T0), Coordinator.thisProcess());
            RunLog log = new RunLog(store);
            String first = service.newRunId("staging", Version.parse("1.4.0"));
            run(log, first, "staging", "1.4.0", "a".repeat(40), Verdict.ROLLED_BACK);
            String second = service.newRunId("staging", Version.parse("1.4.0"));
            run(log, second, "staging", "1.4.0", "a".repeat(40), null);
            String third = service.newRunId("staging", Version.parse("1.4.0"));
            assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
            assertThat(second).isEqualTo(first + "-2");
        }
    }

    @Test
    void anUnfinishedRunIsFoundWithTheCommitItIsBoundTo() throws Exception {
        GitFixture repo = GitFixture.init(dir.resolve("repo")).commit("feat: one");
        String approved = repo.head();
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            ReleaseService service = new ReleaseService(store, Time.virtual(T0), Coordinator.thisProcess());
            run(new RunLog(store), "staging-1", "staging", "1.0.0", approved, null);
            repo.commit("feat: not approved");
            assertThat(service.unfinished("staging"))
                    .hasValue(new RunBinding("staging-1", "staging", "1.0.0", approved));
            assertThat(repo.head()).isNotEqualTo(approved);
        }
    }

    @Test
    void aLeaseHeldByADeadCoordinatorOfThisMachineIsTakenOverAndALiveOneIsNot() throws Exception {
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            Time time = Time.virtual(T0);
            Process child = new ProcessBuilder("sleep", "30").start();
            long started = child.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            String host = Coordinator.thisProcess()
                    .id()
                    .substring(Coordinator.thisProcess().id().lastIndexOf('@'));
            Coordinator other = new Coordinator("pid " + child.pid() + " (started " + started + ")" + host);
            new ReleaseService(store, time, other).take("staging", "run-1");
            ReleaseService me = new ReleaseService(store, time, Coordinator.thisProcess());
            assertThatThrownBy(() -> me.take("staging", "run-1"))
                    .isInstanceOf(Refused.class)
                    .hasMessageContaining("staging is held by run run-1 (coordinator pid " + child.pid());
            assertThat(me.watchedByAnother("staging", "run-1")).isPresent();
            child.destroyForcibly().waitFor();
            assertThat(me.watchedByAnother("staging", "run-1")).isEmpty();
            me.take("staging", "run-1");
            assertThat(store.lease("staging").orElseThrow().holder())
                    .isEqualTo(Coordinator.thisProcess().id());
        }
    }

    @Test
    void afterARollbackThatFailedARollbackGoesAgainToTheVersionItMeantToBringBack() throws Exception {
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            ReleaseService service = new ReleaseService(store, Time.virtual(T0), Coordinator.thisProcess());
            RunLog log = new RunLog(store);
            run(log, "p-1", "production", "1.2.0", "a".repeat(40), Verdict.RELEASED);
            run(log, "p-2", "production", "1.3.0", "b".repeat(40), Verdict.RELEASED);
            String previous = log.append(
                            "p-3",
                            "1.4.0",
                            "production",
                            "Mark Liu",
                            T0,
                            new RunEvent.Started(
                                    "p-3",
                                    "production",
                                    "1.4.0",
                                    "1.3.0",
                                    "c".repeat(40),
                                    "Mark Liu",
                                    "v1.4.0",
                                    "b".repeat(40),
                                    null),
                            "")
                    .hash();
            log.append(
                    "p-3",
                    "1.4.0",
                    "production",
                    "Mark Liu",
                    T0,
                    new RunEvent.Ended(Verdict.ROLLBACK_FAILED, "ROLLBACK FAILED: traffic did not go back", true),
                    previous);

            // 1.4.0 may be live in part: the retry goes from it to 1.3.0, not from 1.3.0 to 1.2.0.
            ReleaseService.RollbackPlan retry = service.rollbackPlan("production", java.util.Optional.empty());
            assertThat(retry.live()).isEqualTo(new RunBinding("p-3", "production", "1.4.0", "c".repeat(40)));
            assertThat(retry.back().version()).isEqualTo("1.3.0");
            assertThat(retry.back().commit()).isEqualTo("b".repeat(40));
            assertThat(service.rollbackPlan("production", java.util.Optional.of("1.3.0"))
                            .live()
                            .version())
                    .isEqualTo("1.4.0");
            // Naming another version is a rollback of what the history says is live.
            ReleaseService.RollbackPlan named = service.rollbackPlan("production", java.util.Optional.of("1.2.0"));
            assertThat(named.live().version()).isEqualTo("1.3.0");
            assertThat(named.back().version()).isEqualTo("1.2.0");
        }
    }

    @Test
    void aVerdictEditedInTheStoreNeverLetsAnotherEnvironmentRelease() throws Exception {
        Plan plan = PlanText.load(
                dir, "environments:\n  - { name: staging }\n  - { name: production, requires: [staging] }\n");
        Environment production = plan.environment("production").orElseThrow();
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            run(new RunLog(store), "s-1", "staging", "1.3.0", "a".repeat(40), Verdict.ROLLED_BACK);
        }
        String url = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath().resolve("gantry");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement()
                    .executeUpdate("UPDATE events SET payload = REPLACE(payload, 'ROLLED_BACK', 'RELEASED')"
                            + " WHERE kind = 'run.ended'");
        }
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            ReleaseService service = new ReleaseService(store, Time.virtual(T0), Coordinator.thisProcess());
            assertThat(new RunLog(store)
                            .history("staging")
                            .get(0)
                            .end()
                            .orElseThrow()
                            .verdict())
                    .isEqualTo(Verdict.RELEASED);
            assertThatThrownBy(() -> service.requireReleased(production, "1.3.0", "a".repeat(40)))
                    .isInstanceOf(RunLog.BrokenChain.class)
                    .hasMessageStartingWith("run s-1 cannot be trusted");
            assertThatThrownBy(() -> service.unfinished("staging")).isInstanceOf(RunLog.BrokenChain.class);
            service.unfinished("production");
        }
    }
}
