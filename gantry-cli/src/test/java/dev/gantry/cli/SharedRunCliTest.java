package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run watched by one Gantry process, looked at and acted on from others, as from a second terminal: status
 * during the run, a decision at a pause that the watching coordinator carries out, an abort, and a tick and an
 * approval written while the run holds the store.
 */
class SharedRunCliTest {

    @TempDir
    Path dir;

    private GitFixture git;

    private void repository() throws Exception {
        git = GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat: search");
        Path script = dir.resolve("deploy.sh");
        Files.writeString(
                script, "#!/bin/sh\necho \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT\" >> calls.log\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                  - { name: Linh Vo, roles: [qa] }
                approvals:
                  override: [release-manager]
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                rollout:
                  canary: { steps: [50%, 100%], watch: 1s, cadence: 1s, pauseAt: [50%] }
                """);
        git.git("add", "-A");
        git.git("commit", "-q", "-m", "chore: plan");
    }

    /** Starts a watching release and returns once its output says it waits at the pause. */
    private Process watchingUntilPaused() throws Exception {
        Process coordinator = GantryProcess.startReading(dir, "release", "staging", "--as", "Mark Liu", "--plain");
        BufferedReader out =
                new BufferedReader(new InputStreamReader(coordinator.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("manual pause after the 50% step")) return coordinator;
        }
        throw new AssertionError("the release ended before it paused: exit " + coordinator.waitFor());
    }

    @Test
    void aDecisionFromAnotherTerminalIsCarriedOutByTheWatchingCoordinator() throws Exception {
        repository();
        Process coordinator = watchingUntilPaused();
        try {
            GantryProcess.Result status = GantryProcess.run(dir, "status", "staging");
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("waiting for a person: manual pause after the 50% step");
            GantryProcess.Result decided = GantryProcess.run(
                    dir, "decide", "staging", "--continue", "--as", "Mark Liu", "--reason", "looks fine");
            assertThat(decided.exitCode()).as(decided.out() + decided.err()).isZero();
            assertThat(decided.out()).contains("carries it on with your decision");
            assertThat(coordinator.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(coordinator.exitValue()).isZero();
        } finally {
            coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
            coordinator.destroyForcibly();
        }
        assertThat(Files.readAllLines(dir.resolve("calls.log")))
                .last()
                .asString()
                .isEqualTo("staging promote 100");
    }

    @Test
    void aTickAndAnApprovalFromAnotherTerminalLandWhileTheRunHoldsTheStore() throws Exception {
        repository();
        Process coordinator = watchingUntilPaused();
        try {
            GantryProcess.Result tick =
                    GantryProcess.run(dir, "tick", "backup", "--as", "Linh Vo", "--note", "snapshot 42");
            assertThat(tick.exitCode()).as(tick.err()).isZero();
            GantryProcess.Result approved = GantryProcess.run(dir, "approve", "--role", "qa", "--as", "Linh Vo");
            assertThat(approved.exitCode()).as(approved.err()).isZero();

            assertThat(GantryProcess.run(dir, "checklist").out()).contains("- [x] **Backup**");
            assertThat(GantryProcess.run(dir, "approvals").out()).contains("Linh Vo");
            GantryProcess.Result decided = GantryProcess.run(
                    dir, "decide", "staging", "--continue", "--as", "Mark Liu", "--reason", "looks fine");
            assertThat(decided.exitCode()).as(decided.out() + decided.err()).isZero();
            assertThat(coordinator.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(coordinator.exitValue()).isZero();
        } finally {
            coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
            coordinator.destroyForcibly();
        }
        assertThat(GantryProcess.run(dir, "approvals").out())
                .as("after the run, read from the file alone")
                .contains("Linh Vo");
    }

    @Test
    void anAbortFromAnotherTerminalRollsTheWatchedRunBack() throws Exception {
        repository();
        Process coordinator = watchingUntilPaused();
        try {
            GantryProcess.Result aborted =
                    GantryProcess.run(dir, "abort", "staging", "--as", "Mark Liu", "--reason", "support calls");
            assertThat(aborted.exitCode()).as(aborted.out() + aborted.err()).isZero();
            assertThat(aborted.out()).contains("rolls it back now");
            assertThat(coordinator.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(coordinator.exitValue()).isEqualTo(5);
        } finally {
            coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
            coordinator.destroyForcibly();
        }
        assertThat(Files.readAllLines(dir.resolve("calls.log")))
                .last()
                .asString()
                .isEqualTo("staging rollback 0");
    }
}
