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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry evidence upload from CI, then gantry gate --server: the server's gate reads what was uploaded. */
class ServerGateCliTest {

    private static final String PLAN =
            """
            environments:
              - { name: staging }
            criteria:
              - { id: DEP-015, title: Unit tests, check: { type: junit, reports: ["build/test-results/*.xml"] } }
            """;
    private static final String REPORT = "build/test-results/TEST-shop.xml";

    @TempDir
    Path dir;

    private Path repo;
    private GitFixture git;
    private GantryServer server;
    private Path ci;

    @BeforeEach
    void start() throws Exception {
        repo = dir.resolve("shop");
        git = GitFixture.init(repo).commit("fix: a").tag("v1.3.0");
        Files.writeString(repo.resolve("gantry.yaml"), PLAN);
        Files.writeString(repo.resolve(".gitignore"), ".gantry/\nbuild/\n");
        git.git("add", "-A");
        git.commit("chore: the release plan").commit("feat: search");
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                Time.system(),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        ci = token("CI Bot", "evidence,operate");
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Path token(String person, String scopes) throws Exception {
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
                scopes);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return Files.writeString(dir.resolve(person.replace(' ', '-') + ".token"), created.out());
    }

    private GantryProcess.Result remote(Path token, String... args) {
        return GantryProcess.runWith(
                repo,
                Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", token.toString()),
                args);
    }

    private void report(int failures) throws Exception {
        Files.createDirectories(repo.resolve(REPORT).getParent());
        Files.writeString(
                repo.resolve(REPORT),
                """
                <testsuite name="dev.shop.CartTest" tests="2" failures="%d" errors="0" skipped="0">
                  <testcase classname="dev.shop.CartTest" name="adds"/>
                  <testcase classname="dev.shop.CartTest" name="removes">%s</testcase>
                </testsuite>
                """
                        .formatted(failures, failures > 0 ? "<failure message=\"expected 2\"/>" : ""));
    }

    /** The gate's lines with how long each check took taken out. */
    private static String untimed(String out) {
        return out.replaceAll("\\d+\\.\\ds", "N.Ns");
    }

    @Test
    void theGateOnTheServerReadsTheUploadedReportAndPrintsAndExitsAsTheGateHere() throws Exception {
        for (int failures : List.of(1, 0)) {
            report(failures);
            GantryProcess.Result uploaded = remote(ci, "evidence", "upload", REPORT);
            assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
            assertThat(uploaded.out()).startsWith("uploaded " + REPORT + " (");

            GantryProcess.Result here = GantryProcess.run(repo, "gate", "staging");
            GantryProcess.Result there = remote(ci, "gate", "staging");

            int expected = failures > 0 ? 4 : 0;
            assertThat(here.exitCode()).as(here.err()).isEqualTo(expected);
            assertThat(there.exitCode()).as(there.err()).isEqualTo(expected);
            assertThat(there.err()).contains("1 uploaded evidence file(s) decided criteria");
            String[] parts = there.out().split("\n\n");
            assertThat(untimed(parts[0] + "\n\n" + parts[1] + "\n"))
                    .as("the gate's lines, run here or on the server")
                    .isEqualTo(untimed(here.out()));
            assertThat(parts[2]).startsWith("CRITERION  UPLOADED FILE").contains("DEP-015    " + REPORT, "CI Bot");
        }
        GantryProcess.Result listed = remote(ci, "evidence", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).startsWith("PATH").contains(REPORT, "CI Bot");

        GantryProcess.Result json = remote(ci, "gate", "staging", "--json");
        assertThat(json.out()).contains("\"uploads\" : [ {", "\"by\" : \"CI Bot\"", "\"path\" : \"" + REPORT + "\"");
    }

    @Test
    void uploadsAreRefusedBeforeAnyIsSentWhenOneIsBad() throws Exception {
        report(0);
        Files.writeString(dir.resolve("outside.xml"), "<testsuite/>");
        GantryProcess.Result none = remote(ci, "evidence", "upload");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'FILES'");
        GantryProcess.Result outside = remote(ci, "evidence", "upload", REPORT, "../outside.xml");
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.err()).contains("../outside.xml lies outside the repository");
        GantryProcess.Result missing = remote(ci, "evidence", "upload", "build/nothing.xml");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("build/nothing.xml does not exist");
        GantryProcess.Result reader = remote(token("Priya Shah", "read"), "evidence", "upload", REPORT);
        assertThat(reader.exitCode()).isEqualTo(2);
        assertThat(reader.err()).contains("this needs the evidence scope");
        GantryProcess.Result unknown = remote(ci, "evidence", "upload", "--commit", "f".repeat(40), REPORT);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("has no commit");
        GantryProcess.Result listed = remote(ci, "evidence", "list");
        assertThat(listed.out()).startsWith("no evidence uploaded for commit ");
        GantryProcess.Result local = GantryProcess.run(repo, "evidence", "list");
        assertThat(local.exitCode()).isEqualTo(2);
        assertThat(local.err()).contains("evidence is kept by a Gantry server");
    }

    @Test
    void aReleaseStartedOnTheServerGatesWithTheEvidenceUploadedForItsCommit() throws Exception {
        Path deploy = repo.resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                repo.resolve("gantry.yaml"),
                PLAN.replace(
                                "  - { name: staging }",
                                "  - name: staging\n    target: { type: command, deploy: ./deploy.sh, setWeight:"
                                        + " ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }")
                        + "rollout:\n  canary: { steps: [100%], watch: 1s, cadence: 1s }\n");
        git.git("add", "-A");
        git.commit("feat: deploy with a script");
        report(1);
        assertThat(remote(ci, "evidence", "upload", REPORT).exitCode()).isZero();

        GantryProcess.Result stopped = remote(ci, "release", "staging", "--strategy", "canary");

        assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(6);
        assertThat(stopped.out()).contains("the gate said NO-GO");
        report(0);
        assertThat(remote(ci, "evidence", "upload", REPORT).exitCode()).isZero();
        GantryProcess.Result released = remote(ci, "release", "staging", "--strategy", "canary");
        assertThat(released.exitCode()).as(released.err()).isZero();
        GantryProcess.Result report = remote(ci, "report", "staging");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(repo.resolve(".gantry/releases/v1.4.0/report-staging.md")))
                .contains("### Uploaded Evidence", "| DEP-015 | " + REPORT + " | `", "| CI Bot |");
        assertThat(Files.readString(repo.resolve(".gantry/releases/v1.4.0/report-staging.html")))
                .contains("<h3>Uploaded Evidence</h3>", "CI Bot");
    }
}
