package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry release runs the project's own scripts through a short canary, environment after environment. */
class ReleaseCliTest {

    @TempDir
    Path dir;

    private GitFixture git;

    private void repository(String deployExit) throws Exception {
        git = GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat: search");
        Path script = dir.resolve("deploy.sh");
        Files.writeString(
                script,
                "#!/bin/sh\necho \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT\" >> calls.log\n"
                        + "[ \"$GANTRY_ACTION\" = deploy ] && exit " + deployExit + "\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                  - name: production
                    requires: [staging]
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                validation:
                  - { id: DEP-030, title: Smoke, check: { type: command, run: "sh -c true" } }
                rollout:
                  canary: { steps: [50%, 100%], watch: 1s, cadence: 1s }
                  tagIn: [production]
                """);
    }

    @Test
    void aReleaseGoesThroughStagingThenProduction() throws Exception {
        repository("0");
        GantryProcess.Result early = GantryProcess.run(dir, "release", "production", "--as", "Mark Liu");
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).contains("production requires staging, which has not released 1.4.0 yet");

        GantryProcess.Result staging = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu", "--plain");
        assertThat(staging.exitCode()).as(staging.err()).isZero();
        assertThat(staging.out())
                .contains("phase 1: Pre-release gate")
                .contains("strategy: Canary (recommended)")
                .contains("smoke test DEP-030 Pass")
                .contains("Released: every step watched without a breach");

        GantryProcess.Result production = GantryProcess.run(dir, "release", "production", "--as", "Mark Liu");
        assertThat(production.exitCode()).as(production.err()).isZero();
        assertThat(Files.readString(dir.resolve(".gantry/releases/v1.4.0/report-production.md")))
                .startsWith("# Release Report — 1.4.0 → production")
                .contains("- Verdict: Released\n")
                .contains("| DEP-030 Smoke | Pass |");
        assertThat(git.git("tag", "--points-at", "HEAD").strip())
                .as("released in production, tagged")
                .isEqualTo("v1.4.0");
        assertThat(production.out()).contains("tagged ").contains(" as v1.4.0");
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve(".gantry/releases/v1.4.0/report-production.json")
                        .toFile());
        assertThat(json.get("verdict").asText()).isEqualTo("Released");
        assertThat(json.get("changes").get(0).get("type").asText()).isEqualTo("feature");
        assertThat(json.get("events").get(0).get("kind").asText()).isEqualTo("run.started");
        GantryProcess.Result history = GantryProcess.run(dir, "history");
        assertThat(history.out().lines().toList()).hasSize(3);
        assertThat(history.out().lines().skip(1).toList())
                .satisfiesExactly(
                        line -> assertThat(line).contains("production  1.4.0    Released"),
                        line -> assertThat(line).contains("staging     1.4.0    Released"));
        Files.delete(dir.resolve(".gantry/releases/v1.4.0/report-staging.md"));
        GantryProcess.Result report = GantryProcess.run(dir, "report", "staging");
        assertThat(report.out()).isEqualTo(".gantry/releases/v1.4.0/report-staging.md\n");
        assertThat(dir.resolve(".gantry/releases/v1.4.0/report-staging.md")).exists();
        assertThat(Files.readAllLines(dir.resolve("calls.log")))
                .containsExactly(
                        "staging deploy 0",
                        "staging set-weight 50",
                        "staging set-weight 100",
                        "staging promote 100",
                        "production deploy 0",
                        "production set-weight 50",
                        "production set-weight 100",
                        "production promote 100");
    }

    @Test
    void aFailedDeployWithoutTrafficAbortsAndIsUndone() throws Exception {
        repository("3");
        GantryProcess.Result result = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.out()).contains("Aborted: deploy failed").contains("nothing live was changed");
        assertThat(Files.readAllLines(dir.resolve("calls.log")))
                .containsExactly("staging deploy 0", "staging rollback 0");
    }

    @Test
    void aSoftBreachWaitsForADecisionThatCarriesTheRunOn() throws Exception {
        repository("0");
        Path metric = dir.resolve("metric.sh");
        Files.writeString(metric, "#!/bin/sh\necho 0.05\n");
        Files.setPosixFilePermissions(metric, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                  - { name: Linh Vo, roles: [qa] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                    metrics: { type: command, run: ./metric.sh }
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%", severity: soft }
                rollout:
                  canary: { steps: [100%], watch: 1s, cadence: 1s }
                """);
        GantryProcess.Result paused = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu", "--detach");
        assertThat(paused.exitCode()).isEqualTo(7);
        assertThat(paused.out()).contains("nobody watches staging");
        assertThat(paused.out()).contains("BREACH DEP-020 (soft): error_rate 5% > 2%");
        assertThat(paused.err()).contains("waiting for a person: soft trigger DEP-020 fired");

        GantryProcess.Result held =
                GantryProcess.run(dir, "release", "staging", "--version", "1.5.0", "--as", "Mark Liu");
        assertThat(held.exitCode()).isEqualTo(2);
        assertThat(GantryProcess.run(dir, "status", "staging").out())
                .contains("staging: 1.4.0 (run staging-1.4.0-")
                .contains("waiting for a person: soft trigger DEP-020 fired")
                .contains("held by run staging-1.4.0-")
                .contains("DEP-020  error_rate  5%  limit > 2%  fired (breaching since ")
                .contains("decide with: gantry decide staging --version 1.4.0 --continue|--rollback");
        assertThat(held.err()).contains("the unfinished run in this environment releases 1.4.0");
        GantryProcess.Result refused =
                GantryProcess.run(dir, "decide", "staging", "--continue", "--as", "Linh Vo", "--reason", "r");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("Linh Vo may not decide: it needs one of the roles release-manager");

        GantryProcess.Result decided = GantryProcess.run(
                dir, "decide", "staging", "--continue", "--as", "Mark Liu", "--reason", "a known spike");
        assertThat(decided.exitCode()).as(decided.err()).isZero();
        assertThat(decided.out())
                .contains("continued by Mark Liu: a known spike")
                .contains("Released-with-override");
        assertThat(GantryProcess.run(dir, "decide", "staging", "--rollback", "--as", "Mark Liu", "--reason", "r")
                        .err())
                .contains("no run in staging waits for a decision");
    }

    @Test
    void aCoordinatorKilledDuringAStepIsContinuedWithoutRepeatingFinishedSteps() throws Exception {
        repository("0");
        Path fifo = dir.resolve("step.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        // The 100% step announces itself once through the pipe, then hangs until it is killed; run again, it passes.
        Path weight = dir.resolve("weight.sh");
        Files.writeString(
                weight,
                "#!/bin/sh\necho \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_STEP_ID\" >> calls.log\n"
                        + "if [ \"$GANTRY_WEIGHT\" = 100 ] && [ ! -e crashed ]; then touch crashed; echo running > step.fifo; exec sleep 600; fi\n");
        Files.setPosixFilePermissions(weight, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve("gantry.yaml"),
                Files.readString(dir.resolve("gantry.yaml"))
                        .replaceFirst("setWeight: ./deploy.sh", "setWeight: ./weight.sh"));

        Process coordinator = GantryProcess.start(dir, "release", "staging", "--as", "Mark Liu");
        // Reading the pipe blocks until the step is running: no waiting on time.
        assertThat(Files.readAllLines(fifo)).containsExactly("running");
        coordinator.descendants().forEach(ProcessHandle::destroyForcibly);
        coordinator.destroyForcibly();
        assertThat(coordinator.waitFor()).isNotZero();

        GantryProcess.Result resumed = GantryProcess.run(dir, "resume", "staging", "--as", "Mark Liu");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Released: every step watched without a breach");
        List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
        assertThat(calls.stream().filter(c -> c.contains("set-weight 50")).count())
                .as("a finished step is not repeated")
                .isEqualTo(1);
        List<String> hundred =
                calls.stream().filter(c -> c.contains("set-weight 100")).toList();
        assertThat(hundred).hasSize(2);
        assertThat(hundred.get(1))
                .as("the interrupted step is repeated with its own key")
                .isEqualTo(hundred.get(0));
        assertThat(calls).last().asString().startsWith("staging promote 100");
        GantryProcess.Result nothingLeft = GantryProcess.run(dir, "resume", "staging", "--as", "Mark Liu");
        assertThat(nothingLeft.exitCode()).isEqualTo(2);
        assertThat(nothingLeft.err()).contains("no run in staging is unfinished: gantry release staging starts one");
    }
}
