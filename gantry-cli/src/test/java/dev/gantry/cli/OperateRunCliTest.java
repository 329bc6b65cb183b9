package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating runs from the command line as real processes: a run bound to its commit, an override that reaches the
 * release, an abort, a person's rollback of a released version, and a coordinator killed in the middle of a
 * rollback.
 */
class OperateRunCliTest {

    @TempDir
    Path dir;

    private GitFixture git;

    private void script(String name, String body) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void repository(String extraPlan) throws Exception {
        git = GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat: search");
        script(
                "deploy.sh",
                "echo \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_VERSION $GANTRY_PREVIOUS_VERSION"
                        + " $GANTRY_COMMIT\" >> calls.log\n"
                        + "[ -e \"fail-$GANTRY_ACTION\" ] && exit 3\nexit 0\n");
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
                  - name: production
                    requires: [staging]
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                rollout:
                  canary: { steps: [50%, 100%], watch: 1s, cadence: 1s }
                """
                        + extraPlan);
        git.git("add", "-A");
        git.git("commit", "-q", "-m", "chore: plan");
    }

    /** The script the killed coordinator left running (only the coordinator was killed) is gone after the resume. */
    private void assertLeftoverStopped() throws Exception {
        long leftover =
                Long.parseLong(Files.readString(dir.resolve("leftover.pid")).strip());
        assertThat(ProcessHandle.of(leftover).filter(ProcessHandle::isAlive).filter(p -> !zombie(p.pid())))
                .as("the script the killed coordinator left running")
                .isEmpty();
    }

    /**
     * Whether the process ended and only waits to be reaped: the script's parent was killed, so whoever adopted it
     * reaps it when it gets to it, and until then Java still counts it alive.
     */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command's name, which is in parentheses and may hold spaces.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true; // gone meanwhile
        }
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(dir.resolve("calls.log"));
    }

    @Test
    void aRunKilledDuringItsDeployIsTakenUpOnItsOwnCommitWhateverHeadIs() throws Exception {
        repository("");
        Path fifo = dir.resolve("deploy.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        // Files named by absolute path: a run taken up after HEAD moved runs its scripts in a checkout of its commit.
        String here = dir.toAbsolutePath() + "/";
        script(
                "hang.sh",
                "echo \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_VERSION $GANTRY_PREVIOUS_VERSION"
                        + " $GANTRY_COMMIT\" >> '" + here + "calls.log'\n"
                        + "if [ ! -e '" + here + "crashed' ]; then touch '" + here + "crashed'; echo $$ > '" + here
                        + "leftover.pid'; echo running > '" + here + "deploy.fifo'; exec sleep 600; fi\n");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml")).replaceFirst("deploy: ./deploy.sh", "deploy: ./hang.sh"));
        git.git("add", "hang.sh", "gantry.yaml");
        git.git("commit", "-q", "-m", "chore: deploy through hang.sh");
        String approved = git.head();
        Process coordinator = GantryProcess.start(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(Files.readAllLines(fifo)).containsExactly("running");
        coordinator.destroyForcibly();
        assertThat(coordinator.waitFor()).isNotZero();

        // The unapproved commit also changes the deploy script and the canary's steps: the run uses neither.
        script("hang.sh", "echo \"unapproved script\" >> '" + here + "calls.log'\n");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml")).replace("steps: [50%, 100%]", "steps: [10%, 100%]"));
        git.git("add", "hang.sh", "gantry.yaml");
        git.commit("feat: nobody approved this");
        GantryProcess.Result resumed = GantryProcess.run(dir, "resume", "staging", "--as", "Mark Liu", "--plain");
        assertLeftoverStopped();
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.err())
                .contains("bound to commit " + approved.substring(0, 7))
                .contains("(HEAD is " + git.head().substring(0, 7) + ")");
        assertThat(calls()).allSatisfy(c -> assertThat(c).endsWith(approved));
        assertThat(resumed.out())
                .as("the steps of the run's commit")
                .contains("50%")
                .doesNotContain("10%");
        assertThat(calls()).noneMatch(c -> c.contains("unapproved"));
        assertThat(dir.resolve(".gantry/state/checkouts"))
                .as("the run's checkout is removed when it ends")
                .isEmptyDirectory();
        assertThat(Files.readString(dir.resolve(".gantry/releases/v1.4.0/report-staging.md")))
                .contains("- Commit: " + approved);
    }

    @Test
    void productionRefusesACommitStagingNeverRan() throws Exception {
        repository("");
        assertThat(GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu")
                        .exitCode())
                .isZero();
        String released = git.head();
        git.commit("fix: same version, another build");
        GantryProcess.Result production =
                GantryProcess.run(dir, "release", "production", "--version", "1.4.0", "--as", "Mark Liu");
        assertThat(production.exitCode()).isEqualTo(2);
        assertThat(production.err())
                .contains("production requires staging, which released 1.4.0 from commit " + released.substring(0, 7)
                        + ", not from this release's commit " + git.head().substring(0, 7));
    }

    @Test
    void anOverrideGivenAtTheGateReachesTheRelease() throws Exception {
        repository(
                """
                criteria:
                  - { id: DEP-012, title: Changelog, blocker: true, check: { type: file, path: CHANGELOG.md } }
                """);
        git.git("add", "-A");
        GantryProcess.Result gate = GantryProcess.run(
                dir, "gate", "staging", "--override", "DEP-012", "--as", "Mark Liu", "--reason", "written after");
        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isZero();
        assertThat(gate.out()).startsWith("GO-with-override");
        GantryProcess.Result release = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(release.exitCode()).as(release.out() + release.err()).isZero();
        assertThat(release.out()).contains("Released-with-override");
    }

    @Test
    void anAbortOfAWaitingRunRollsItBack() throws Exception {
        repository("");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml")).replace("cadence: 1s }", "cadence: 1s, pauseAt: [50%] }"));
        git.git("commit", "-q", "-am", "chore: pause at 50%");
        GantryProcess.Result paused =
                GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu", "--detach", "--plain");
        assertThat(paused.exitCode()).as(paused.out() + paused.err()).isEqualTo(7);
        GantryProcess.Result aborted =
                GantryProcess.run(dir, "abort", "staging", "--as", "Linh Vo", "--reason", "support calls", "--plain");
        assertThat(aborted.exitCode()).as(aborted.out() + aborted.err()).isEqualTo(5);
        assertThat(aborted.out())
                .contains("ROLLING BACK: aborted by Linh Vo: support calls")
                .contains("Rolled-Back: aborted by Linh Vo: support calls");
        assertThat(calls()).last().asString().startsWith("staging rollback 0");
        assertThat(Files.readString(dir.resolve(".gantry/releases/v1.4.0/report-staging.md")))
                .contains("- Trigger: user-elected (Linh Vo)");
    }

    @Test
    void aReleasedVersionIsRolledBackAsARunOfItsOwnAndAFailedRollbackIsLoud() throws Exception {
        repository("");
        assertThat(GantryProcess.run(dir, "rollback", "staging", "--as", "Mark Liu", "--reason", "r")
                        .err())
                .contains("no version was released in staging");
        assertThat(GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu")
                        .exitCode())
                .isZero();
        assertThat(GantryProcess.run(dir, "rollback", "staging", "--as", "Mark Liu", "--reason", "r")
                        .err())
                .contains("no version was released in staging before 1.4.0");

        git.git("tag", "v1.4.0", git.head());
        git.commit("feat: more");
        GantryProcess.Result second = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(second.exitCode()).as(second.err()).isZero();
        Files.writeString(dir.resolve("fail-rollback"), "");
        GantryProcess.Result failed = GantryProcess.run(
                dir, "rollback", "staging", "--as", "Mark Liu", "--reason", "INC-7 checkout errors", "--plain");
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(9);
        assertThat(failed.out()).contains("Rollback-Failed");
        java.nio.file.Path failedReport;
        try (var files = Files.list(dir.resolve(".gantry/releases/v1.5.0"))) {
            failedReport = files.filter(f -> f.getFileName().toString().matches("rollback-staging-1\\.5\\.0-.*\\.md"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readString(failedReport)).startsWith("> **ROLLBACK FAILED**");
        assertThat(dir.resolve(".gantry/releases/v1.5.0/report-staging.md"))
                .as("the release's own report stays")
                .exists();

        Files.delete(dir.resolve("fail-rollback"));
        GantryProcess.Result rolled = GantryProcess.run(
                dir, "rollback", "staging", "--as", "Mark Liu", "--reason", "INC-7 checkout errors", "--plain");
        assertThat(rolled.exitCode()).as(rolled.out() + rolled.err()).isEqualTo(5);
        assertThat(rolled.err()).contains("rolling staging back from 1.5.0").contains("to 1.4.0");
        assertThat(calls()).last().asString().startsWith("staging rollback 0 1.5.0 1.4.0");
        assertThat(GantryProcess.run(dir, "history").out()).contains("Rolled-Back");
    }

    @Test
    void aCoordinatorKilledDuringARollbackActionEndsRolledBackNeverReleased() throws Exception {
        repository(
                """
                validation:
                  - { id: DEP-030, title: Smoke, check: { type: command, run: ./smoke.sh } }
                """);
        // The smoke test fails until the target has rolled back; the rollback hangs once, until it is killed.
        script("smoke.sh", "grep -q ' rollback ' calls.log 2>/dev/null\n");
        Path fifo = dir.resolve("rollback.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        script(
                "back.sh",
                "echo \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID\" >> calls.log\n"
                        + "if [ ! -e crashed ]; then touch crashed; echo $$ > leftover.pid; echo running > rollback.fifo; exec sleep 600; fi\n");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml"))
                        .replaceFirst("rollback: ./deploy.sh", "rollback: ./back.sh"));
        git.git("add", "-A");
        git.git("commit", "-q", "-m", "chore: smoke test and rollback script");

        Process coordinator = GantryProcess.start(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(Files.readAllLines(fifo)).containsExactly("running");
        coordinator.destroyForcibly();
        assertThat(coordinator.waitFor()).isNotZero();

        GantryProcess.Result resumed = GantryProcess.run(dir, "resume", "staging", "--as", "Mark Liu", "--plain");
        assertLeftoverStopped();
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(6);
        assertThat(resumed.out()).contains("Aborted: smoke test DEP-030 failed").doesNotContain("Released");
        List<String> calls = calls();
        assertThat(calls).noneMatch(c -> c.contains("set-weight"));
        assertThat(calls.stream().filter(c -> c.contains(" rollback ")).toList())
                .as("the interrupted rollback is repeated once, with its own key")
                .hasSize(2)
                .allSatisfy(c -> assertThat(c).endsWith("/rollback"));
    }

    @Test
    void aCoordinatorKilledDuringTheRollbackAfterAFailedStepEndsRolledBackWithoutGoingForward() throws Exception {
        repository("");
        Path fifo = dir.resolve("rollback.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        script(
                "step.sh",
                "echo \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID\" >> calls.log\n"
                        + "[ \"$GANTRY_WEIGHT\" = 50 ] && exit 3\n"
                        + "if [ \"$GANTRY_ACTION\" = rollback ] && [ ! -e crashed ]; then touch crashed;"
                        + " echo $$ > leftover.pid; echo running > rollback.fifo; exec sleep 600; fi\nexit 0\n");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml"))
                        .replaceFirst("setWeight: ./deploy.sh", "setWeight: ./step.sh")
                        .replaceFirst("rollback: ./deploy.sh", "rollback: ./step.sh"));
        git.git("commit", "-q", "-am", "chore: a step that fails");

        Process coordinator = GantryProcess.start(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(Files.readAllLines(fifo)).containsExactly("running");
        coordinator.destroyForcibly();
        assertThat(coordinator.waitFor()).isNotZero();

        GantryProcess.Result otherStrategy =
                GantryProcess.run(dir, "resume", "staging", "--strategy", "rolling", "--as", "Mark Liu");
        assertThat(otherStrategy.exitCode()).isEqualTo(2);
        assertThat(otherStrategy.err()).contains("is taken up with the strategy it chose when it started");
        GantryProcess.Result resumed = GantryProcess.run(dir, "resume", "staging", "--as", "Mark Liu", "--plain");
        assertLeftoverStopped();
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(5);
        assertThat(resumed.out()).contains("Rolled-Back: set-weight failed");
        List<String> calls = calls();
        assertThat(calls.stream().filter(c -> c.contains("set-weight 50")).count())
                .as("the failed step is never repeated")
                .isEqualTo(1);
        assertThat(calls).noneMatch(c -> c.contains("set-weight 100"));
        assertThat(calls.stream().filter(c -> c.contains(" rollback ")).toList())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c).endsWith("/rollback"));
    }

    @Test
    void aCoordinatorKilledDuringAWatchSampleKeepsItsSamplesAndIsReleased() throws Exception {
        repository(
                """
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%" }
                """);
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml"))
                        .replace(
                                "rollback: ./deploy.sh }\n  - name: production",
                                "rollback: ./deploy.sh }\n    metrics: { type: command, run: ./metric.sh }\n  - name: production"));
        Path fifo = dir.resolve("metric.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        // The second sample hangs once, until the coordinator is killed; every sample reads 0.1%.
        script(
                "metric.sh",
                "echo sample >> samples.log\n"
                        + "if [ \"$(wc -l < samples.log)\" -eq 2 ] && [ ! -e crashed ]; then touch crashed;"
                        + " echo running > metric.fifo; exec sleep 600; fi\necho 0.001\n");
        git.git("add", "-A");
        git.git("commit", "-q", "-m", "chore: metrics");

        Process coordinator = GantryProcess.start(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(Files.readAllLines(fifo)).containsExactly("running");
        coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
        coordinator.destroyForcibly();
        assertThat(coordinator.waitFor()).isNotZero();

        GantryProcess.Result resumed = GantryProcess.run(dir, "resume", "staging", "--as", "Mark Liu", "--plain");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Released: every step watched without a breach");
        assertThat(dir.resolve(".gantry/releases/v1.4.0/report-staging.json"))
                .as(resumed.err())
                .exists();
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve(".gantry/releases/v1.4.0/report-staging.json")
                        .toFile());
        List<String> kinds = new java.util.ArrayList<>();
        json.get("events").forEach(e -> kinds.add(e.get("kind").asText()));
        assertThat(kinds.indexOf("run.sampled"))
                .as("the sample taken before the kill is kept")
                .isPositive()
                .isLessThan(kinds.indexOf("run.started") + kinds.size());
        assertThat(kinds.stream().filter("run.sampled"::equals).count()).isGreaterThanOrEqualTo(2);
        assertThat(calls()).filteredOn(c -> c.contains("set-weight 50")).hasSize(1);
    }

    @Test
    void aReleasedRunWhoseReportCannotBeWrittenStillExitsZeroAndSaysWhy() throws Exception {
        repository("");
        // A file where the release's folder would go: no report can be written there.
        Files.createDirectories(dir.resolve(".gantry/releases"));
        Files.writeString(dir.resolve(".gantry/releases/v1.4.0"), "in the way");
        GantryProcess.Result release = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(release.exitCode()).as(release.out() + release.err()).isZero();
        assertThat(release.err())
                .contains("could not write the report")
                .contains("gantry report staging writes it later");
        Files.delete(dir.resolve(".gantry/releases/v1.4.0"));
        GantryProcess.Result report = GantryProcess.run(dir, "report", "staging");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(dir.resolve(".gantry/releases/v1.4.0/report-staging.md")).exists();

        // A verdict edited in the store: no report is written of it.
        String url =
                "jdbc:h2:file:" + dir.resolve(".gantry/state").toAbsolutePath().resolve("gantry");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, "sa", "")) {
            db.createStatement()
                    .executeUpdate("UPDATE events SET payload = REPLACE(payload, 'RELEASED', 'ROLLED_BACK')"
                            + " WHERE kind = 'run.ended'");
        }
        GantryProcess.Result forged = GantryProcess.run(dir, "report", "staging");
        assertThat(forged.exitCode()).isEqualTo(2);
        assertThat(forged.err()).contains("cannot be trusted");
    }

    @Test
    void runIdsNeverRepeatUnderSourceDateEpoch() throws Exception {
        repository("");
        java.util.Map<String, String> fixed = java.util.Map.of("SOURCE_DATE_EPOCH", "1700000000");
        Files.writeString(dir.resolve("fail-set-weight"), "");
        GantryProcess.Result first =
                GantryProcess.runWith(dir, fixed, "release", "staging", "--as", "Mark Liu", "--plain");
        // Every set-weight fails, the one that sends traffic back too: the rollback did not succeed.
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(9);
        Files.delete(dir.resolve("fail-set-weight"));
        GantryProcess.Result second =
                GantryProcess.runWith(dir, fixed, "release", "staging", "--as", "Mark Liu", "--plain");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        GantryProcess.Result history = GantryProcess.run(dir, "history", "staging");
        // A run waits on real time even when SOURCE_DATE_EPOCH dates documents; either way, ids never repeat.
        List<String> ids = history.out()
                .lines()
                .skip(1)
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                .startsWith("staging-1.4.0-"));
    }
}
