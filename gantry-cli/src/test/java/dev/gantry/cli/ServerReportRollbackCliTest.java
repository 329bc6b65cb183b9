package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Time;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.testing.GitFixture;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report and rollback with --server: the server renders and rolls back, the command line prints as it does here. */
class ServerReportRollbackCliTest {

    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
            environments:
              - name: staging
                target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
            rollout:
              canary: { steps: [100%], watch: 1s, cadence: 1s }
            """;

    @TempDir
    Path dir;

    private Path repo;
    private GitFixture git;
    private GantryServer server;
    private Path mark;

    @BeforeEach
    void start() throws Exception {
        repo = dir.resolve("shop");
        git = GitFixture.init(repo).commit("fix: a").tag("v1.3.0");
        Path deploy = repo.resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repo.resolve("gantry.yaml"), PLAN);
        Files.writeString(repo.resolve(".gitignore"), ".gantry/\n");
        git.git("add", "-A");
        git.commit("chore: the release plan").commit("feat: search");
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                Time.system(),
                new ServerLog(
                        new PrintStream(new java.io.FileOutputStream("/tmp/evidence-serverlog.txt", true), true),
                        Clock.systemUTC()));
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                "http://127.0.0.1:" + server.port(),
                "--token-file",
                dir.resolve("data/admin.token").toString(),
                "--person",
                "Mark Liu",
                "--scope",
                "operate");
        assertThat(created.exitCode()).as(created.err()).isZero();
        mark = Files.writeString(dir.resolve("mark.token"), created.out());
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private GantryProcess.Result remote(String... args) {
        return GantryProcess.runWith(
                repo,
                Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", mark.toString()),
                args);
    }

    private static List<String> comparable(String out) {
        return Arrays.stream(out.split("\n"))
                .map(line -> line.replaceFirst("^\\S+  ", ""))
                .map(l -> l.replaceAll("staging-1\\.4\\.\\d-\\d{8}T\\d{6}Z(-\\d+)?", "RUN")
                        .replaceAll(" in \\d+ ms", " in N ms"))
                .toList();
    }

    @Test
    void theReportOfARunOnTheServerIsWrittenHereAsTheServerRendersIt() throws Exception {
        GantryProcess.Result released = remote("release", "staging", "--strategy", "canary");
        assertThat(released.exitCode()).as(released.err()).isZero();

        GantryProcess.Result report = remote("report", "staging");

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out().strip()).isEqualTo(".gantry/releases/v1.4.0/report-staging.md");
        Path folder = repo.resolve(".gantry/releases/v1.4.0");
        assertThat(Files.readString(folder.resolve("report-staging.md"))).contains("1.4.0", "Released");
        assertThat(Files.readString(folder.resolve("report-staging.json"))).startsWith("{");
        assertThat(Files.readString(folder.resolve("report-staging.html"))).contains("<html");
        server.close(); // waits for the server's own report of the run, written once it ended
        Path written;
        try (Stream<Path> files = Files.list(dir.resolve("data/projects/shop/reports/v1.4.0"))) {
            written =
                    files.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(folder.resolve("report-staging.md")))
                .as("the same renderers over the same records")
                .isEqualTo(Files.readString(written));
        assertThat(Files.readString(folder.resolve("report-staging.json")))
                .isEqualTo(Files.readString(Path.of(written.toString().replace(".md", ".json"))));
        server = null;
    }

    @Test
    void aRollbackOnTheServerPrintsAndExitsAsARollbackHere() throws Exception {
        // The same two releases on the server and here, the second the first's fix; canaries watched for a second.
        assertThat(remote("release", "staging", "--strategy", "canary").exitCode())
                .isZero();
        assertThat(GantryProcess.run(repo, "release", "staging", "--as", "Mark Liu", "--plain", "--strategy", "canary")
                        .exitCode())
                .isZero();
        git.tag("v1.4.0").commit("fix: b");
        GantryProcess.Result second = remote("release", "staging", "--strategy", "canary");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains(": 1.4.1 (commit ");
        assertThat(GantryProcess.run(repo, "release", "staging", "--as", "Mark Liu", "--plain", "--strategy", "canary")
                        .exitCode())
                .isZero();

        GantryProcess.Result there = remote("rollback", "staging", "--reason", "INC-231: errors since 1.4.1");
        GantryProcess.Result here = GantryProcess.run(
                repo, "rollback", "staging", "--as", "Mark Liu", "--reason", "INC-231: errors since 1.4.1", "--plain");

        assertThat(there.exitCode()).as(there.err()).isEqualTo(5);
        assertThat(here.exitCode()).as(here.err()).isEqualTo(5);
        assertThat(there.err()).contains("rolling staging back from 1.4.1 (commit ", ") to 1.4.0 (commit ");
        assertThat(comparable(there.out()))
                .as("the same rollback's lines, run here or on the server")
                .isEqualTo(comparable(here.out()));
        GantryProcess.Result none = remote("rollback", "staging", "--to", "9.9.9", "--reason", "x");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("9.9.9 was not released in staging");
        GantryProcess.Result posing = remote("rollback", "staging", "--as", "Bo", "--reason", "x");
        assertThat(posing.exitCode()).isEqualTo(2);
    }
}
