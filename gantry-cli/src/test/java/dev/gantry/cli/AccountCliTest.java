package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account commands against a real server on loopback, the command line as a child process fed on stdin. */
class AccountCliTest {

    @TempDir
    Path dir;

    private GantryServer server;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Map<String, String> admin;

    @BeforeEach
    void start() throws Exception {
        Path repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo).commit("fix: a");
        RunStory.plan(repo);
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        Path data = dir.resolve("data");
        server = GantryServer.start(
                new ServerConfig(data, "127.0.0.1", 0, java.util.List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.system(),
                new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        admin = Map.of(
                "GANTRY_SERVER",
                "http://127.0.0.1:" + server.port(),
                "GANTRY_TOKEN_FILE",
                data.resolve("admin.token").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAccountIsCreatedWithAPasswordFromStandardInputListedAndRemoved() throws Exception {
        GantryProcess.Result created = GantryProcess.runWithInput(
                dir,
                admin,
                "correct horse battery staple\n",
                "account",
                "create",
                "--person",
                "Priya Shah",
                "--scope",
                "approve,read");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).contains("account of Priya Shah (approve, read)");
        assertThat(created.out() + created.err()).doesNotContain("correct horse");

        GantryProcess.Result listed = GantryProcess.runWith(dir, admin, "account", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("PERSON", "Priya Shah", "approve,read");

        GantryProcess.Result weak = GantryProcess.runWithInput(
                dir, admin, "short\n", "account", "create", "--person", "Bo Chen", "--scope", "read");
        assertThat(weak.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(weak.err()).contains("a password is at least 12 characters");

        GantryProcess.Result none = GantryProcess.runWithInput(
                dir, admin, "", "account", "create", "--person", "Bo Chen", "--scope", "read");
        assertThat(none.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(none.err()).contains("standard input ended before the password for Bo Chen");

        GantryProcess.Result removed = GantryProcess.runWith(dir, admin, "account", "remove", "Priya Shah");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(GantryProcess.runWith(dir, admin, "account", "list").out()).doesNotContain("Priya Shah");
        GantryProcess.Result again = GantryProcess.runWith(dir, admin, "account", "remove", "Priya Shah");
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(again.err()).contains("nobody named \"Priya Shah\" has an account");
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("correct horse");
    }

    @Test
    void aPersonChangesTheirOwnPasswordGivingTheCurrentOneFirst() throws Exception {
        GantryProcess.runWithInput(
                dir,
                admin,
                "correct horse battery staple\n",
                "account",
                "create",
                "--person",
                "Priya Shah",
                "--scope",
                "read");
        GantryProcess.Result token = GantryProcess.runWith(
                dir, admin, "token", "create", "--person", "Priya Shah", "--scope", "read", "--days", "1");
        Path priyaToken = dir.resolve("priya.token");
        Files.writeString(priyaToken, token.out());
        Map<String, String> priya =
                Map.of("GANTRY_SERVER", admin.get("GANTRY_SERVER"), "GANTRY_TOKEN_FILE", priyaToken.toString());

        GantryProcess.Result wrong = GantryProcess.runWithInput(
                dir, priya, "not it at all\na brand new passphrase\n", "account", "password");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(wrong.err()).contains("the current password is not the account's");

        GantryProcess.Result changed = GantryProcess.runWithInput(
                dir, priya, "correct horse battery staple\na brand new passphrase\n", "account", "password");
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.err()).contains("password changed");
    }
}
