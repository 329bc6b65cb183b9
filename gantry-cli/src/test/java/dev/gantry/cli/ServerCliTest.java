package dev.gantry.cli;

import static dev.gantry.cli.RunStory.time;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.RunLog;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that talk to a server print what they print on the repository's own records, and the token commands
 * issue, list and revoke tokens: a real server on loopback, the command line as a child process.
 */
class ServerCliTest {

    @TempDir
    Path dir;

    private Path repo;
    private Path data;
    private GantryServer server;
    private Path adminToken;

    @BeforeEach
    void start() throws Exception {
        repo = dir.resolve("shop");
        GitFixture git = GitFixture.init(repo).commit("fix: a").tag("v1.3.0").commit("feat: search");
        RunStory.plan(repo);
        git.git("add", "gantry.yaml");
        git.commit("chore: the release plan");
        data = dir.resolve("data");
        // The server reads the time as the local command does, 815 s into the run, so both see the same moment.
        server = GantryServer.start(
                new ServerConfig(data, "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.virtual(time(815)),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        adminToken = data.resolve("admin.token");
        List<RunLog.Logged> events = RunStory.secondStepWatched().events();
        stored(repo.resolve(Workspace.STATE), events);
        stored(data.resolve("projects/shop/state"), events);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void stored(Path state, List<RunLog.Logged> events) throws Exception {
        try (H2Store store = H2Store.open(state)) {
            RunLog log = new RunLog(store);
            String previous = "";
            for (RunLog.Logged logged : events) {
                previous = log.append(
                                RunStory.RUN, "1.4.0", "staging", "Mark Liu", logged.at(), logged.event(), previous)
                        .hash();
            }
            store.acquire("staging", RunStory.RUN, RunStory.RUN, time(785), Duration.ofMinutes(15));
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private GantryProcess.Result local(String... args) {
        return GantryProcess.runWith(
                repo, Map.of("SOURCE_DATE_EPOCH", String.valueOf(time(815).getEpochSecond())), args);
    }

    private GantryProcess.Result remote(Path token, String... args) {
        // From a folder that is no repository at all: everything comes from the server.
        return GantryProcess.runWith(dir, Map.of("GANTRY_SERVER", url(), "GANTRY_TOKEN_FILE", token.toString()), args);
    }

    @Test
    void statusAndHistoryFromTheServerPrintWhatTheyPrintOnTheRecordsInPlace() throws Exception {
        Path token = dir.resolve("priya.token");
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                url(),
                "--token-file",
                adminToken.toString(),
                "--person",
                "Priya Shah",
                "--scope",
                "read",
                "--days",
                "30");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).matches("gantry_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n");
        assertThat(created.err()).contains("for Priya Shah (read)", "shown only this once");
        Files.writeString(token, created.out());

        for (List<String> command : List.of(
                List.of("status"),
                List.of("status", "staging"),
                List.of("history"),
                List.of("history", "--limit", "1"))) {
            GantryProcess.Result here = local(command.toArray(String[]::new));
            GantryProcess.Result there = remote(token, command.toArray(String[]::new));
            assertThat(here.exitCode()).as(here.err()).isZero();
            assertThat(there.exitCode()).as(there.err()).isZero();
            assertThat(there.out())
                    .as("gantry %s", command)
                    .isEqualTo(here.out())
                    .isNotBlank();
        }
        GantryProcess.Result unknown = remote(token, "status", "prod");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown environment \"prod\"; the plan has: staging, production");
        assertThat(local("status", "prod").err())
                .contains("unknown environment \"prod\"; the plan has: staging, production");
    }

    @Test
    void aTokenIsListedWithoutItsSecretAndRevokedAtOnce() throws Exception {
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                url(),
                "--token-file",
                adminToken.toString(),
                "--person",
                "CI",
                "--scope",
                "read");
        String text = created.out().strip();
        String id = text.substring(7, 19);
        Path token = Files.writeString(dir.resolve("ci.token"), text);
        assertThat(remote(token, "history").exitCode()).isZero();

        GantryProcess.Result listed = remote(adminToken, "token", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out())
                .contains(id, "CI", "read", "admin", "LAST USED", "127.0.0.1")
                .doesNotContain(text.substring(20));

        assertThat(remote(adminToken, "token", "revoke", id).exitCode()).isZero();
        GantryProcess.Result refused = remote(token, "history");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("the token is not one in force here");
    }

    @Test
    void anAdminCommandWithoutAServerSaysToNameOne() throws Exception {
        String admin = Files.readString(adminToken).strip();
        for (String[] command : List.of(
                new String[] {"token", "list"},
                new String[] {"token", "revoke", "0123456789ab"},
                new String[] {"token", "create", "--person", "CI", "--scope", "read"},
                new String[] {"account", "list"},
                new String[] {"audit", "log"},
                new String[] {"audit", "verify"})) {
            GantryProcess.Result refused = GantryProcess.runWith(dir, Map.of("GANTRY_TOKEN", admin), command);
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
            assertThat(refused.err())
                    .startsWith("gantry: gantry "
                            + String.join(" ", List.of(command).subList(0, 2))
                            + " works on a Gantry server: name it with --server URL or $GANTRY_SERVER\n")
                    .doesNotContain("internal error");
        }
    }

    @Test
    void aServersOptionWithoutAServerIsRefusedRatherThanAnsweredFromTheRepository() throws Exception {
        for (String[] command : List.of(
                new String[] {"flags", "list", "--token-file", adminToken.toString()},
                new String[] {"history", "--project", "shop"},
                new String[] {"status", "--token-file", adminToken.toString(), "--project", "shop"})) {
            GantryProcess.Result refused = GantryProcess.run(repo, command);
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
            assertThat(refused.err())
                    .contains(" is for a Gantry server, and no server is named: add --server URL or set $GANTRY_SERVER")
                    .doesNotContain("internal error");
            assertThat(refused.out()).isEmpty();
        }
        // Set in the environment for a team's server, the token file does not stop the repository's own records.
        GantryProcess.Result local =
                GantryProcess.runWith(repo, Map.of("GANTRY_TOKEN_FILE", adminToken.toString()), "history");
        assertThat(local.err()).doesNotContain("is for a Gantry server");
        assertThat(local.exitCode()).as(local.err()).isZero();
    }

    @Test
    void theApiAddressGantryServePrintsIsTakenAsTheServer() throws Exception {
        for (String address : List.of(url() + "/api/", url() + "/api", url() + "/")) {
            GantryProcess.Result listed = GantryProcess.runWith(
                    dir, Map.of("GANTRY_TOKEN_FILE", adminToken.toString()), "token", "list", "--server", address);
            assertThat(listed.exitCode()).as(address + ": " + listed.err()).isZero();
            assertThat(listed.out()).contains("admin");
        }
    }

    @Test
    void withoutATokenOrAReachableServerTheCommandSaysWhatIsMissing() throws Exception {
        GantryProcess.Result noToken = GantryProcess.run(dir, "status", "--server", url());
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("a server needs a token: set GANTRY_TOKEN");

        GantryProcess.Result readOnly = remote(adminToken, "token", "create", "--person", "Bo", "--scope", "root");
        assertThat(readOnly.exitCode()).isEqualTo(2);
        assertThat(readOnly.err()).contains("unknown scope \"root\"");

        String admin = Files.readString(adminToken).strip();
        for (String damaged : List.of(admin + "\njunk\n", "\uFEFF" + admin + " x", admin.substring(0, 40))) {
            Path file = Files.writeString(dir.resolve("damaged.token"), damaged);
            GantryProcess.Result refused = remote(file, "history");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err())
                    .contains("does not hold a Gantry token alone")
                    .doesNotContain(admin.substring(20, 40));
        }
        GantryProcess.Result versioned = remote(adminToken, "approve", "--role", "qa", "--version", "2.0.0");
        assertThat(versioned.exitCode()).isEqualTo(2);
        assertThat(versioned.err()).contains("--version and --hotfix cannot be used with a server yet");

        int port = server.port();
        server.close();
        GantryProcess.Result down = GantryProcess.runWith(
                dir,
                Map.of("GANTRY_TOKEN", "gantry_0123456789ab_" + "A".repeat(43)),
                "history",
                "--server",
                "http://127.0.0.1:" + port);
        assertThat(down.exitCode()).isEqualTo(2);
        assertThat(down.err()).contains("cannot reach the server at http://127.0.0.1:" + port);
        server = GantryServer.start(
                new ServerConfig(data, "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.system(),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
    }

    @Test
    void auditVerifyPassesOnTheLogAsWrittenAndNamesAnEntryChangedInTheDatabase() throws Exception {
        GantryProcess.Result created = GantryProcess.run(
                dir,
                "token",
                "create",
                "--server",
                url(),
                "--token-file",
                adminToken.toString(),
                "--person",
                "CI",
                "--scope",
                "read");
        assertThat(created.exitCode()).as(created.err()).isZero();
        GantryProcess.Result intact = remote(adminToken, "audit", "verify");
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).isEqualTo("the audit log is as it was written\n");
        GantryProcess.Result log = remote(adminToken, "audit", "log");
        assertThat(log.out()).contains("gantry serve", "token issued", "for CI (read)");
        GantryProcess.Result page = remote(adminToken, "audit", "log", "--after", "1", "--limit", "1");
        assertThat(page.exitCode()).as(page.err()).isZero();
        assertThat(page.out().lines().toList()).hasSize(2).last().asString().startsWith("2 ");
        GantryProcess.Result tooMany = remote(adminToken, "audit", "log", "--limit", "0");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--limit must be from 1 to 10000, got 0");

        server.close();
        try (dev.gantry.server.ServerDatabase db = dev.gantry.server.ServerDatabase.embedded(data.resolve("server"));
                java.sql.Connection c = db.dataSource().getConnection()) {
            c.createStatement().executeUpdate("UPDATE audit SET actor = 'Mallory' WHERE sequence = 2");
        }
        server = GantryServer.start(
                new ServerConfig(data, "127.0.0.1", 0, List.of(new Project("shop", repo.toString()))),
                dev.gantry.rollout.Time.system(),
                new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC()));
        GantryProcess.Result changed = remote(adminToken, "audit", "verify");
        assertThat(changed.exitCode()).isEqualTo(4);
        assertThat(changed.out()).isEqualTo("entry 2: edited: its hash does not match\n");
        GantryProcess.Result notAdmin =
                remote(Files.writeString(dir.resolve("ci.token"), created.out()), "audit", "verify");
        assertThat(notAdmin.exitCode()).isEqualTo(2);
        assertThat(notAdmin.err()).contains("needs the admin scope");
    }
}
