package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.server.Browser;
import dev.gantry.server.EventStream;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL: a stream opened on one is cut when its credential is revoked or its session ends
 * through the other, which has no way to tell the first but the database they share.
 */
class StreamCutOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;

    private GantryServer first;
    private GantryServer second;
    private ServerClient admin;

    private String url() {
        return "postgresql://" + TestPostgres.USER + ":" + TestPostgres.PASSWORD + "@127.0.0.1:" + POSTGRES.port() + "/"
                + TestPostgres.DATABASE;
    }

    @BeforeEach
    void start() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + TestPostgres.DATABASE,
                        TestPostgres.USER,
                        TestPostgres.PASSWORD);
                java.sql.Statement statement = c.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gantry_server CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS project_shop CASCADE");
        }
        GitFixture source = GitFixture.init(dir.resolve("shop"));
        Files.writeString(source.dir().resolve("gantry.yaml"), "environments:\n  - { name: production }\n");
        source.git("add", "gantry.yaml");
        source.commit("chore: the release plan");
        first = serve(source.dir(), dir.resolve("first"));
        second = serve(source.dir(), dir.resolve("second"));
        admin = ServerClient.of(
                base(first), Files.readString(dir.resolve("first/admin.token")).strip());
        // A run that is going on, recorded where both servers read it.
        try (PostgresDatabase db = PostgresDatabase.connect(PostgresUrl.parse(url()));
                PostgresStore store = PostgresStore.open(db, new Project("shop", "unused").schema())) {
            RunLog log = new RunLog(store);
            String h = log.append(
                            "p-1",
                            "1.2.0",
                            "production",
                            "Mark Liu",
                            T0,
                            new RunEvent.Started("p-1", "production", "1.2.0", "1.1.0", source.head(), "Mark Liu"),
                            "")
                    .hash();
            log.append("p-1", "1.2.0", "production", "Mark Liu", T0, new RunEvent.PhaseEntered(Phase.WATCH), h);
        }
    }

    private GantryServer serve(Path source, Path data) throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data, "127.0.0.1", 0, List.of(new Project("shop", source.toString())), Optional.of(url())),
                Time.virtual(T0),
                new ServerLog(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    private static String base(GantryServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static String stream(GantryServer server) {
        return base(server) + "/api/projects/shop/runs/p-1/stream";
    }

    @Test
    void aTokenRevokedThroughAnotherServerCutsTheStreamItOpenedHere() throws Exception {
        NewToken reader = admin.issue(new TokenRequest("Mark Liu", List.of("read"), 30));
        EventStream events = EventStream.open(stream(first), "Authorization", "Bearer " + reader.text());
        assertThat(events.status).isEqualTo(200);
        events.next("run.phase-entered");

        ServerClient.of(
                        base(second),
                        Files.readString(dir.resolve("first/admin.token")).strip())
                .revoke(reader.token().id());

        assertThat(events.rest())
                .containsExactly(
                        new EventStream.Event("end", "{\"reason\":\"credential revoked: the token was revoked\"}"));
    }

    @Test
    void aLogoutThroughAnotherServerCutsTheSessionsStreamHere() throws Exception {
        admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), PASSWORD));
        Browser browser = new Browser(base(second));
        assertThat(browser.logIn("Priya Shah", PASSWORD, "/").statusCode()).isEqualTo(303);
        String cookie = "gantry_session=" + browser.cookie("gantry_session").orElseThrow();
        EventStream live = EventStream.open(base(first) + "/projects/shop/runs/p-1/live", "Cookie", cookie);
        assertThat(live.status).isEqualTo(200);
        live.next("view");

        String csrf = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(browser.get("/api/whoami").body())
                .path("csrfToken")
                .asText();
        HttpResponse<String> out = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base(second) + "/logout"))
                                .header("Cookie", cookie)
                                .header("Origin", base(second))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(303);

        assertThat(live.rest()).extracting(EventStream.Event::name).containsExactly("end");
    }
}
