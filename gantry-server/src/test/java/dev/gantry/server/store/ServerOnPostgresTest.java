package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerException;
import dev.gantry.server.ServerLog;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a real PostgreSQL: tokens, approvals, runs and the audit log kept there, so that a second server on
 * the same database, with a data folder of its own, serves the same records.
 */
class ServerOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @TempDir
    Path dir;

    /** Each test starts on an empty database: the schemas a server makes are dropped. */
    @org.junit.jupiter.api.BeforeEach
    void empty() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + TestPostgres.DATABASE,
                        TestPostgres.USER,
                        TestPostgres.PASSWORD);
                java.sql.Statement statement = c.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gantry_server CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS project_shop_web CASCADE");
        }
    }

    private String url() {
        return "postgresql://" + TestPostgres.USER + ":" + TestPostgres.PASSWORD + "@127.0.0.1:" + POSTGRES.port() + "/"
                + TestPostgres.DATABASE;
    }

    private GantryServer serve(Path source, Path data, ByteArrayOutputStream log) throws Exception {
        return serve(source, data, log, Time.virtual(Instant.parse("2026-11-02T09:00:00Z")));
    }

    private GantryServer serve(Path source, Path data, ByteArrayOutputStream log, Time time) throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data, "127.0.0.1", 0, List.of(new Project("shop-web", source.toString())), Optional.of(url())),
                time,
                new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @Test
    void asecondServerOnTheSameDatabaseServesWhatTheFirstRecorded() throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager, qa] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                approvals:
                  minor: [qa]
                rollout:
                  canary: { steps: [100%], watch: 1m, cadence: 30s }
                """);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        ByteArrayOutputStream firstLog = new ByteArrayOutputStream();
        String admin;
        String runId;
        try (GantryServer first = serve(source.dir(), dir.resolve("first"), firstLog)) {
            admin = Files.readString(dir.resolve("first/admin.token")).strip();
            ServerClient client = ServerClient.of("http://127.0.0.1:" + first.port(), admin);
            ServerClient mark = ServerClient.of(
                    "http://127.0.0.1:" + first.port(),
                    client.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                            .text());
            ServerClient markApproves = ServerClient.of(
                    "http://127.0.0.1:" + first.port(),
                    client.issue(new TokenRequest("Mark Liu", List.of("approve"), 30))
                            .text());
            markApproves.approve("shop-web", new ApprovalRequest(source.head(), "qa", null, null));
            RunStarted started =
                    mark.release("shop-web", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
            runId = started.runId();
            List<RunLog.Logged> events = List.of();
            for (int asks = 0;
                    asks < 100 && events.stream().noneMatch(e -> e.event() instanceof RunEvent.Ended);
                    asks++) {
                events = mark.events("shop-web", runId, 0, 30);
            }
            assertThat(events).last().satisfies(e -> assertThat(((RunEvent.Ended) e.event()).verdict())
                    .isEqualTo(Verdict.RELEASED));
        }
        assertThat(firstLog.toString(StandardCharsets.UTF_8)).doesNotContain(TestPostgres.PASSWORD);

        try (GantryServer second = serve(source.dir(), dir.resolve("second"), new ByteArrayOutputStream())) {
            assertThat(dir.resolve("second/admin.token"))
                    .as("the tokens are the database's")
                    .doesNotExist();
            ServerClient client = ServerClient.of("http://127.0.0.1:" + second.port(), admin);
            assertThat(client.status("shop-web", Optional.of("staging"))
                            .get(0)
                            .last()
                            .orElseThrow()
                            .summary()
                            .runId())
                    .isEqualTo(runId);
            assertThat(client.approvals("shop-web", source.head(), Optional.empty())
                            .complete())
                    .isTrue();
            assertThat(client.audit())
                    .extracting(e -> e.action().name())
                    .containsExactly(
                            "TOKEN_ISSUED",
                            "TOKEN_USED",
                            "TOKEN_ISSUED",
                            "TOKEN_ISSUED",
                            "TOKEN_USED",
                            "APPROVED",
                            "TOKEN_USED",
                            "RELEASE_STARTED");
            assertThat(client.verifyAudit()).isEmpty();
        }
    }

    @Test
    void accountsAndSessionsAreTheDatabasesSoThatEveryServerOnItKnowsThem() throws Exception {
        GitFixture source = GitFixture.init(dir.resolve("shop")).commit("fix: a");
        Files.writeString(source.dir().resolve("gantry.yaml"), "environments:\n  - { name: staging }\n");
        source.git("add", "-A");
        source.commit("chore: the release plan");
        String password = "correct horse battery staple";
        String cookie;
        try (GantryServer first = serve(source.dir(), dir.resolve("first"), new ByteArrayOutputStream())) {
            String admin = Files.readString(dir.resolve("first/admin.token")).strip();
            ServerClient.of("http://127.0.0.1:" + first.port(), admin)
                    .createAccount(new AccountRequest("Priya Shah", List.of("approve"), password));
            dev.gantry.server.Browser browser = new dev.gantry.server.Browser("http://127.0.0.1:" + first.port());
            assertThat(browser.logIn("Priya Shah", password, "/").statusCode()).isEqualTo(303);
            cookie = browser.cookie("gantry_session").orElseThrow();
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + TestPostgres.DATABASE,
                        TestPostgres.USER,
                        TestPostgres.PASSWORD);
                java.sql.ResultSet rows = c.createStatement()
                        .executeQuery("SELECT a.password_hash, s.id_hash FROM gantry_server.accounts a"
                                + " JOIN gantry_server.sessions s ON s.person = a.person")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).startsWith("$argon2id$").doesNotContain(password);
            assertThat(rows.getString(2)).doesNotContain(cookie);
        }
        try (GantryServer second = serve(source.dir(), dir.resolve("second"), new ByteArrayOutputStream())) {
            dev.gantry.server.Browser browser = new dev.gantry.server.Browser("http://127.0.0.1:" + second.port());
            browser.keep("gantry_session", cookie);
            assertThat(browser.get("/api/whoami").body()).contains("\"person\":\"Priya Shah\"");
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsTheStartWithWhereAndWhyAndNoPassword() {
        assertThatThrownBy(() -> GantryServer.start(
                        new ServerConfig(
                                dir.resolve("data"),
                                "127.0.0.1",
                                0,
                                List.of(new Project("shop", dir.toString())),
                                Optional.of("postgresql://ana:hunter22@127.0.0.1:1/gantry")),
                        Time.system(),
                        new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC())))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("127.0.0.1:1/gantry")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> GantryServer.start(
                        new ServerConfig(
                                dir.resolve("data"),
                                "127.0.0.1",
                                0,
                                List.of(new Project("shop", dir.toString())),
                                Optional.of("mysql://db/gantry")),
                        Time.system(),
                        new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC())))
                .isInstanceOf(ServerException.class)
                .hasMessageStartingWith("--database: ");
    }

    @Test
    void aRunWhoseServerStoppedIsTakenUpByAnotherOnceItsLeaseRunsOutAndGoesOnFromItsEvents() throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(
                deploy,
                """
                #!/bin/sh
                home="$(dirname "$0")/../.."
                echo "$GANTRY_ACTION $GANTRY_STEP_ID" >> "$home/calls.log"
                if [ "$GANTRY_ACTION" = deploy ] && [ -e "$home/hold" ]; then read line < "$home/hold"; fi
                exit 0
                """);
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                rollout:
                  canary: { steps: [100%], watch: 1m, cadence: 30s }
                """);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        Time.Virtual time = Time.virtual(Instant.parse("2026-11-02T09:00:00Z"));
        Path hold = dir.resolve("a/projects/shop-web/hold");
        Files.createDirectories(hold.getParent());
        Files.setPosixFilePermissions(dir.resolve("a"), PosixFilePermissions.fromString("rwx------"));
        new ProcessBuilder("mkfifo", hold.toString()).start().waitFor();
        ByteArrayOutputStream bLog = new ByteArrayOutputStream();

        GantryServer a = serve(source.dir(), dir.resolve("a"), new ByteArrayOutputStream(), time);
        String admin = Files.readString(dir.resolve("a/admin.token")).strip();
        ServerClient onA = ServerClient.of("http://127.0.0.1:" + a.port(), admin);
        String token =
                onA.issue(new TokenRequest("Mark Liu", List.of("operate"), 30)).text();
        RunStarted started = ServerClient.of("http://127.0.0.1:" + a.port(), token)
                .release("shop-web", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
        try (GantryServer b = serve(source.dir(), dir.resolve("b"), bLog, time)) {
            ServerClient onB = ServerClient.of("http://127.0.0.1:" + b.port(), token);
            List<RunLog.Logged> before = List.of();
            for (int asks = 0;
                    asks < 100 && before.stream().noneMatch(e -> e.event() instanceof RunEvent.ActionStarted);
                    asks++) {
                before = onB.events("shop-web", started.runId(), 0, 30);
            }
            // Server a stops in the middle of the deploy, as in a crash: its lease stays until it runs out.
            a.close();
            b.takeUpRuns();
            assertThat(onB.events("shop-web", started.runId(), 0, 0))
                    .as("b leaves a run another holds")
                    .hasSameSizeAs(before);
            time.advance(dev.gantry.server.ServerConfig.LEASE.plusSeconds(1));
            b.takeUpRuns();

            List<RunLog.Logged> events = List.of();
            for (int asks = 0;
                    asks < 100 && events.stream().noneMatch(e -> e.event() instanceof RunEvent.Ended);
                    asks++) {
                events = onB.events("shop-web", started.runId(), 0, 30);
            }
            assertThat(events).last().satisfies(e -> assertThat(((RunEvent.Ended) e.event()).verdict())
                    .isEqualTo(Verdict.RELEASED));
            assertThat(events)
                    .filteredOn(e -> e.event() instanceof RunEvent.Started)
                    .hasSize(1);
            assertThat(events.subList(0, before.size()))
                    .as("a's events stand as they were")
                    .isEqualTo(before);
            assertThat(bLog.toString(StandardCharsets.UTF_8)).contains("taking up run " + started.runId());
            assertThat(Files.readAllLines(dir.resolve("b/projects/shop-web/calls.log")))
                    .as("b repeats the deploy a never finished, with the same step id, then goes on")
                    .first()
                    .asString()
                    .isEqualTo("deploy " + started.runId() + "/deploy");
        } finally {
            // If a's script still waits on the pipe, let it go: opened for reading and writing, a pipe never blocks.
            new ProcessBuilder("sh", "-c", "exec 3<>\"$0\"; echo go >&3", hold.toString())
                    .start()
                    .waitFor();
        }
    }
}
