package dev.gantry.cli;

import static dev.gantry.cli.RunStory.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry status reads a run's events from the state database and shows where it stands. */
class StatusCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void repository() throws Exception {
        GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat: search");
        RunStory.plan(dir);
    }

    /** Stores the run's events, and the lease its coordinator last took {@code leaseTaken} seconds in. */
    private void stored(List<RunLog.Logged> events, long leaseTaken) throws Exception {
        try (H2Store store = H2Store.open(dir.resolve(Workspace.STATE))) {
            RunLog log = new RunLog(store);
            String previous = "";
            for (RunLog.Logged logged : events) {
                previous = log.append(
                                RunStory.RUN, "1.4.0", "staging", "Mark Liu", logged.at(), logged.event(), previous)
                        .hash();
            }
            assertThat(store.acquire("staging", RunStory.RUN, RunStory.RUN, time(leaseTaken), Duration.ofMinutes(15)))
                    .isPresent();
        }
    }

    /** {@code gantry status} as the clock reads {@code seconds} after the run began. */
    private GantryProcess.Result status(long seconds, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "status";
        System.arraycopy(args, 0, command, 1, args.length);
        return GantryProcess.runWith(
                dir, Map.of("SOURCE_DATE_EPOCH", String.valueOf(time(seconds).getEpochSecond())), command);
    }

    @Test
    void aCanaryMidWatchShowsStepWeightSamplesTimeLeftAndItsHolder() throws Exception {
        stored(RunStory.secondStepWatched().events(), 785);

        GantryProcess.Result result = status(815);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        """
                        staging: 1.4.0 (run staging-1.4.0-20261123T100000Z, commit abc1234), replacing 1.3.0
                          phase 5/6 Watch window, Canary step 2 of 3
                          weight [#####.....] 50%
                          DEP-020  error_rate    2.3%           limit > 2%             breaching for 1m of 5m (since 10:12:05)
                          DEP-021  p99_latency   340.5ms        limit > 500ms          ok
                          DEP-022  availability  no data        limit < 99.9%          no data 2 of 3 (./metric.sh printed nothing)
                          DEP-023  errors        1.4x baseline  limit > 1.5x baseline  ok
                          watch window: 6m30s left of 10m (ends 10:20:05)
                          held by run staging-1.4.0-20261123T100000Z until 2026-11-23T10:28:05Z
                        production: no run yet
                        """);
        assertThat(status(2000, "staging").out())
                .as("the lease of a coordinator that stopped renewing it")
                .contains("held by run staging-1.4.0-20261123T100000Z until 2026-11-23T10:28:05Z (expired:"
                        + " another run may take it)");
    }

    @Test
    void aPausedRunNamesTheCommandThatDecides() throws Exception {
        stored(
                RunStory.secondStepWatched()
                        .sample(845, 2, "DEP-023", "errors", 0.64, "FIRED")
                        .at(
                                845,
                                new RunEvent.Breached(
                                        "DEP-023", dev.gantry.plan.Severity.SOFT, "errors 1.6x baseline > 1.5x"))
                        .at(845, new RunEvent.Paused("soft trigger DEP-023 fired: errors 1.6x baseline > 1.5x", false))
                        .events(),
                845);

        GantryProcess.Result result = status(900, "staging");

        assertThat(result.out().lines().toList())
                .contains(
                        "  DEP-023  errors        1.6x baseline  limit > 1.5x baseline  fired (breaching since"
                                + " 10:14:05)",
                        "  waiting for a person: soft trigger DEP-023 fired: errors 1.6x baseline > 1.5x",
                        "    decide with: gantry decide staging --version 1.4.0 --continue|--rollback --as NAME"
                                + " --reason \"...\"")
                .noneMatch(line -> line.contains("watch window"));
    }

    @Test
    void anEndedRunShowsItsVerdictAndNoHolder() throws Exception {
        stored(
                RunStory.secondStepWatched()
                        .at(845, new RunEvent.PhaseEntered(Phase.FINISH))
                        .action(846, "rollback", 0, 0)
                        .at(
                                848,
                                new RunEvent.Ended(
                                        Verdict.ROLLED_BACK, "DEP-021 fired: p99_latency 612ms > 500ms", true))
                        .events(),
                846);

        GantryProcess.Result result = status(900, "staging");

        assertThat(result.out())
                .contains("  phase 6/6 Commit or rollback, Canary step 2 of 3\n  weight [..........] 0%\n")
                .endsWith("  Rolled-Back: DEP-021 fired: p99_latency 612ms > 500ms\n")
                .doesNotContain("held by");
    }

    @Test
    void anUnknownEnvironmentIsAUsageError() {
        GantryProcess.Result result = status(0, "prod");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown environment \"prod\"; the plan has: staging, production");
    }

    @Test
    void historyOfAnUnknownEnvironmentIsAUsageErrorToo() {
        GantryProcess.Result result = GantryProcess.runWith(dir, Map.of(), "history", "prod");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown environment \"prod\"; the plan has: staging, production");
    }

    @Test
    void aStoreOpenedEarlyForACommandThatFailedFirstIsClosedAndHoldsNothing() throws Exception {
        stored(RunStory.secondStepWatched().events(), 785);
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Main.run(
                new String[] {"status", "--repo", dir.toString(), "prod"},
                dev.gantry.rollout.Time.system(),
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown environment \"prod\"");
        // In the same process, a store that writes opens at once: the early reader let the file go.
        try (H2Store store = H2Store.open(dir.resolve(Workspace.STATE))) {
            assertThat(new RunLog(store).runIds()).containsExactly(RunStory.RUN);
        }
    }

    @Test
    void aRunEditedInTheStoreIsShownWithAWarning() throws Exception {
        stored(RunStory.secondStepWatched().events(), 785);
        String url =
                "jdbc:h2:file:" + dir.resolve(Workspace.STATE).toAbsolutePath().resolve("gantry");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement()
                    .executeUpdate(
                            "UPDATE events SET payload = REPLACE(payload, '\"value\":0', '\"value\":9') WHERE kind ="
                                    + " 'run.sampled'");
        }

        GantryProcess.Result result = status(815);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("  WARNING: run " + RunStory.RUN + " cannot be trusted");
    }
}
