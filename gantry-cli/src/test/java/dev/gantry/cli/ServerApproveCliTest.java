package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approve and approvals against a server: as the token's person, of the commit checked out here. */
class ServerApproveCliTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String PLAN =
            """
            people:
              - { name: Linh Vo, roles: [qa] }
              - { name: Sam Park, roles: [qa, tech-lead] }
            environments:
              - { name: staging }
            approvals:
              patch: [tech-lead, qa]
            """;

    @TempDir
    Path dir;

    private Path repo;
    private String planOnly;
    private GantryServer server;
    private Path admin;

    @BeforeEach
    void start() throws Exception {
        repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo).commit("fix: a").tag("v2.3.0");
        Files.writeString(repo.resolve("gantry.yaml"), PLAN);
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        planOnly = git.head();
        git.commit("fix(auth): reset token expiry");
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.virtual(NOW),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        admin = dir.resolve("data/admin.token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path token(String person, String scope) throws Exception {
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                url(),
                "--token-file",
                admin.toString(),
                "--person",
                person,
                "--scope",
                scope);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return Files.writeString(dir.resolve(person.replace(' ', '-') + ".token"), created.out());
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private GantryProcess.Result remote(Path token, String... args) {
        return GantryProcess.runWith(repo, Map.of("GANTRY_SERVER", url(), "GANTRY_TOKEN_FILE", token.toString()), args);
    }

    private GantryProcess.Result local(String... args) {
        return GantryProcess.runWith(repo, Map.of("SOURCE_DATE_EPOCH", String.valueOf(NOW.getEpochSecond())), args);
    }

    @Test
    void approvingThroughTheServerIsAsTheTokensPersonAndListsAsTheLocalRecordsDo() throws Exception {
        Path linh = token("Linh Vo", "approve");
        GantryProcess.Result approved = remote(linh, "approve", "--role", "qa", "--comment", "847 tests green");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.err()).contains("approved 2.3.1 (commit ", ") as qa: Linh Vo");
        assertThat(local("approve", "--role", "qa", "--as", "Linh Vo", "--comment", "847 tests green")
                        .exitCode())
                .isZero();

        GantryProcess.Result there = remote(linh, "approvals");
        GantryProcess.Result here = local("approvals");
        assertThat(there.exitCode()).as(there.err()).isEqualTo(7);
        assertThat(here.exitCode()).isEqualTo(7);
        assertThat(there.out()).isEqualTo(here.out()).contains("qa", "given", "Linh Vo", "missing", "Sam Park");

        GantryProcess.Result posing = remote(linh, "approve", "--role", "tech-lead", "--as", "Sam Park");
        assertThat(posing.exitCode()).isEqualTo(2);
        assertThat(posing.err()).contains("--as cannot be used with a server");
        GantryProcess.Result notHers = remote(linh, "approve", "--role", "tech-lead");
        assertThat(notHers.exitCode()).isEqualTo(2);
        assertThat(notHers.err()).contains("Linh Vo does not hold the role tech-lead");
    }

    @Test
    void aCommitWithNothingToReleaseIsExitThreeAsItIsLocally() throws Exception {
        Path sam = token("Sam Park", "approve");
        GantryProcess.Result nothing = remote(sam, "approve", "--role", "qa", "--commit", planOnly);
        assertThat(nothing.exitCode()).as(nothing.err()).isEqualTo(3);
        assertThat(nothing.err()).contains("nothing to release: no release-worthy commits since the last release");
        GantryProcess.Result listed = remote(sam, "approvals", "--commit", planOnly);
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(3);
    }
}
