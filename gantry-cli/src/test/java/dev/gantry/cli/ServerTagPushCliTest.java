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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gantry status --server says whether the release tag a server's run made reached the origin, and why not. */
class ServerTagPushCliTest {

    @TempDir
    Path dir;

    private GantryServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void statusShowsATagTheOriginRefusedAndWhy() throws Exception {
        GitFixture work = GitFixture.init(dir.resolve("work")).commit("fix: a").tag("v1.3.0");
        Path deploy = work.dir().resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                work.dir().resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                rollout:
                  tagIn: [staging]
                  canary: { steps: [100%], watch: 1s, cadence: 1s }
                """);
        Files.writeString(work.dir().resolve(".gitignore"), ".gantry/\n");
        work.git("add", "-A");
        work.commit("chore: the release plan").commit("feat: search");
        Path origin = dir.resolve("shop.git");
        work.git("clone", "--quiet", "--bare", work.dir().toString(), origin.toString());
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'no tags from robots' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", origin.toString()))),
                Time.system(),
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));
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
        Path mark = Files.writeString(dir.resolve("mark.token"), created.out());
        Map<String, String> remote =
                Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", mark.toString());

        GantryProcess.Result released =
                GantryProcess.runWith(work.dir(), remote, "release", "staging", "--strategy", "canary");
        assertThat(released.exitCode()).as(released.err()).isZero();
        server.close(); // waits for the run's thread, which pushes the tag once the run has ended
        server = null;
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", origin.toString()))),
                Time.system(),
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        remote = Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", mark.toString());

        GantryProcess.Result status = GantryProcess.runWith(work.dir(), remote, "status", "staging");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
                .contains("Released")
                .contains("  tag v1.4.0 NOT pushed to " + origin + ": ")
                .contains("no tags from robots", "(pre-receive hook declined)")
                .contains("the server tries again at its next start and after its next release");
    }
}
