package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tick against a server: as the token's person, with the messages and exit codes of a local tick. */
class ServerTickCliTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String PLAN =
            """
            people:
              - { name: Linh Vo, roles: [qa] }
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            criteria:
              - { id: DEP-001, title: Tests pass, check: { type: junit, reports: "build/*.xml" } }
            """;

    @TempDir
    Path dir;

    private Path repo;
    private GantryServer server;

    @BeforeEach
    void start() throws Exception {
        repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo).commit("fix: a").tag("v2.3.0");
        Files.writeString(repo.resolve("gantry.yaml"), PLAN);
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        git.commit("fix(auth): reset token expiry");
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.virtual(NOW),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private Path token(String person, String scope) throws Exception {
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                url(),
                "--token-file",
                dir.resolve("data/admin.token").toString(),
                "--person",
                person,
                "--scope",
                scope);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return Files.writeString(dir.resolve(person.replace(' ', '-') + ".token"), created.out());
    }

    private GantryProcess.Result remote(Path token, String... args) {
        return GantryProcess.runWith(repo, Map.of("GANTRY_SERVER", url(), "GANTRY_TOKEN_FILE", token.toString()), args);
    }

    private GantryProcess.Result local(String... args) {
        return GantryProcess.runWith(repo, Map.of("SOURCE_DATE_EPOCH", String.valueOf(NOW.getEpochSecond())), args);
    }

    @Test
    void tickingThroughTheServerIsAsTheTokensPersonAndRefusesWhatALocalTickRefuses() throws Exception {
        Path linh = token("Linh Vo", "approve");
        GantryProcess.Result ticked = remote(linh, "tick", "backup", "--note", "snapshot db-2026-11-23");
        assertThat(ticked.exitCode()).as(ticked.err()).isZero();
        assertThat(ticked.err()).isEqualTo("ticked backup for 2.3.1: Linh Vo\n");
        assertThat(ServerClient.of(
                                url(),
                                Files.readString(dir.resolve("data/admin.token"))
                                        .strip())
                        .audit())
                .anySatisfy(entry -> {
                    assertThat(entry.action().name()).isEqualTo("TICKED");
                    assertThat(entry.actor()).isEqualTo("Linh Vo");
                    assertThat(entry.subject()).startsWith("backup of the production checklist of 2.3.1 (commit ");
                });

        for (String[] refused :
                List.of(new String[] {"tick", "DEP-001"}, new String[] {"tick", "backups"}, new String[] {
                    "tick", "backup", "--env", "lab"
                })) {
            GantryProcess.Result there = remote(linh, refused);
            String[] asLinh = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(refused), java.util.stream.Stream.of("--as", "Linh Vo"))
                    .toArray(String[]::new);
            GantryProcess.Result here = local(asLinh);
            assertThat(there.exitCode()).as(there.err()).isEqualTo(2);
            assertThat(here.exitCode()).as(here.err()).isEqualTo(2);
            assertThat(there.err().lines().findFirst().orElseThrow())
                    .isEqualTo(here.err().lines().findFirst().orElseThrow());
        }

        GantryProcess.Result posing = remote(linh, "tick", "backup", "--as", "Sam Park");
        assertThat(posing.exitCode()).isEqualTo(2);
        assertThat(posing.err()).contains("--as cannot be used with a server");
        GantryProcess.Result reader = remote(token("Casey Reed", "read"), "tick", "backup");
        assertThat(reader.exitCode()).isEqualTo(2);
        assertThat(reader.err()).contains("needs the approve scope");
    }
}
