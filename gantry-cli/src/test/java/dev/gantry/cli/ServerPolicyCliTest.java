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

/** gantry policy show and set: a server's policy from the command line, checked here before it is sent. */
class ServerPolicyCliTest {

    private static final String POLICY =
            """
            name: baseline
            separateApprover: true
            rules:
              - { environments: [production], approvers: [tech-lead, qa], counts: { qa: 2 } }
            """;

    @TempDir
    Path dir;

    private GantryServer server;
    private Path admin;
    private Path repo;

    @BeforeEach
    void start() throws Exception {
        repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo).commit("fix: a");
        Files.writeString(repo.resolve("gantry.yaml"), "environments:\n  - { name: production }\n");
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        server = GantryServer.start(
                new ServerConfig(dir.resolve("data"), "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.virtual(Instant.parse("2026-11-23T10:00:00Z")),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        admin = dir.resolve("data/admin.token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private GantryProcess.Result gantry(Path token, String... args) {
        return GantryProcess.runWith(
                dir,
                Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", token.toString()),
                args);
    }

    @Test
    void anAdminSetsThePolicyFromAFileAndAnyoneShowsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("baseline.yaml"), POLICY);
        GantryProcess.Result set = gantry(admin, "policy", "set", file.toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.err()).startsWith("policy \"baseline\" of project shop, sha256 ");

        GantryProcess.Result created = gantry(admin, "token", "create", "--person", "Linh Vo", "--scope", "read");
        Path reader = Files.writeString(dir.resolve("linh.token"), created.out());
        GantryProcess.Result shown = gantry(reader, "policy", "show");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).isEqualTo(POLICY);

        GantryProcess.Result refused = gantry(reader, "policy", "set", file.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("needs the admin scope");
    }

    @Test
    void approvalsSayWhichRoleThePolicyAddsThatNobodyCanGive() throws Exception {
        Path file = Files.writeString(dir.resolve("baseline.yaml"), POLICY);
        assertThat(gantry(admin, "policy", "set", file.toString()).exitCode()).isZero();
        GantryProcess.Result listed = GantryProcess.runWith(
                repo,
                Map.of("GANTRY_SERVER", "http://127.0.0.1:" + server.port(), "GANTRY_TOKEN_FILE", admin.toString()),
                "approvals");
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(7);
        assertThat(listed.out())
                .contains("qa 0 of 2", "(nobody in the plan's people holds qa, which the policy baseline requires)");
    }

    @Test
    void aMalformedFileIsRefusedHereWithItsPlacesAndNothingIsSent() throws Exception {
        Path file = Files.writeString(
                dir.resolve("strict.yaml"), "name: strict\nrules:\n  - { approvers: [qa], counts: { qa: 0 } }\n");
        GantryProcess.Result set = gantry(admin, "policy", "set", file.toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err())
                .isEqualTo("strict.yaml:3:32: rules[0].counts: qa: expected a number of approvers of at least 1, got"
                        + " 0\n");
        GantryProcess.Result shown = gantry(admin, "policy", "show");
        assertThat(shown.exitCode()).isEqualTo(2);
        assertThat(shown.err()).contains("project shop has no policy");

        GantryProcess.Result local = GantryProcess.runWith(dir, Map.of(), "policy", "show");
        assertThat(local.exitCode()).isEqualTo(2);
        assertThat(local.err()).contains("a policy lives on a Gantry server");
    }
}
