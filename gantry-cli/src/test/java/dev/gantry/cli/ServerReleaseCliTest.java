package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Time;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** release, decide and abort with --server: the server runs the release and the command line follows it. */
class ServerReleaseCliTest {

    private static final String TARGET =
            "target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }";

    @TempDir
    Path dir;

    private Path repo;
    private GantryServer server;

    private void start(String plan) throws Exception {
        repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo).commit("fix: a").tag("v1.3.0");
        for (String script : List.of("deploy.sh", "metric.sh")) {
            Path file = repo.resolve(script);
            Files.writeString(file, script.equals("deploy.sh") ? "#!/bin/sh\nexit 0\n" : "#!/bin/sh\necho 0.05\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(repo.resolve("gantry.yaml"), plan);
        Files.writeString(repo.resolve(".gitignore"), ".gantry/state/\n");
        git.git("add", "-A");
        git.commit("chore: the release plan").commit("feat: search");
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                Time.system(),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Path token(String person) throws Exception {
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                "http://127.0.0.1:" + server.port(),
                "--token-file",
                dir.resolve("data/admin.token").toString(),
                "--person",
                person,
                "--scope",
                "operate");
        assertThat(created.exitCode()).as(created.err()).isZero();
        return Files.writeString(dir.resolve(person.replace(' ', '-') + ".token"), created.out());
    }

    private GantryProcess.Result remote(Path token, String... args) {
        return GantryProcess.runWith(
                repo,
                Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", token.toString()),
                args);
    }

    /** The lines of a run's output without their times. */
    private static List<String> untimed(String out) {
        return Arrays.stream(out.split("\n"))
                .map(line -> line.replaceFirst("^\\S+  ", ""))
                .toList();
    }

    /** Lines with what differs between two runs of one release (their ids, how long a check took) taken out. */
    private static List<String> comparable(List<String> lines) {
        return lines.stream()
                .map(l ->
                        l.replaceAll("staging-1\\.4\\.0-\\d{8}T\\d{6}Z", "RUN").replaceAll(" in \\d+ ms", " in N ms"))
                .toList();
    }

    @Test
    void aReleaseThroughTheServerPrintsTheRunAsALocalRunDoesAndExitsAlike() throws Exception {
        start(
                """
                environments:
                  - name: staging
                    %s
                validation:
                  - { id: DEP-030, title: Smoke, check: { type: command, run: "sh -c true" } }
                rollout:
                  canary: { steps: [50%%, 100%%], watch: 1s, cadence: 1s }
                """
                        .formatted(TARGET));
        GantryProcess.Result there = remote(token("Mark Liu"), "release", "staging");
        assertThat(there.exitCode()).as(there.err()).isZero();
        assertThat(there.err()).contains("the server runs staging-1.4.0-", ": 1.4.0 (commit ");
        GantryProcess.Result here = GantryProcess.run(repo, "release", "staging", "--as", "Mark Liu", "--plain");
        assertThat(here.exitCode()).as(here.err()).isZero();
        List<String> remoteLines = untimed(there.out());
        assertThat(remoteLines)
                .contains("phase 1: Pre-release gate")
                .anySatisfy(line -> assertThat(line).startsWith("smoke test DEP-030 Pass"))
                .anySatisfy(line -> assertThat(line).startsWith("Released: every step watched without a breach"));
        assertThat(comparable(remoteLines))
                .as("the same run's lines, started here or on the server")
                .isEqualTo(comparable(untimed(here.out())));
    }

    @Test
    void aRunPausedOnTheServerIsDecidedFromTheCommandLineAndItsOutcomeIsTheExitCode() throws Exception {
        start(
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: staging
                    %s
                    metrics: { type: command, run: ./metric.sh }
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%%", severity: soft }
                rollout:
                  canary: { steps: [100%%], watch: 1s, cadence: 1s }
                """
                        .formatted(TARGET));
        Path mark = token("Mark Liu");
        GantryProcess.Result paused = remote(mark, "release", "staging", "--detach");
        assertThat(paused.exitCode()).as(paused.err()).isEqualTo(7);
        assertThat(paused.err()).contains("waiting for a person", "gantry decide staging");
        // On a server the token says who decides: the hint must not send the person to --as, which is refused.
        assertThat(paused.err()).contains("--server URL").doesNotContain("--as");

        GantryProcess.Result posing = remote(mark, "decide", "staging", "--rollback", "--reason", "x", "--as", "Bo");
        assertThat(posing.exitCode()).isEqualTo(2);
        GantryProcess.Result decided =
                remote(mark, "decide", "staging", "--rollback", "--reason", "5% errors is too many");
        assertThat(decided.exitCode()).as(decided.err()).isEqualTo(5);
        assertThat(decided.out()).contains("Rolled-Back");
        GantryProcess.Result none = remote(mark, "abort", "staging", "--reason", "too late");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no run in staging is unfinished on the server");
    }
}
