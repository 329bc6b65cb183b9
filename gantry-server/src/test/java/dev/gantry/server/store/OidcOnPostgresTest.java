package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Time;
import dev.gantry.server.Browser;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.server.TestOidcProvider;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL behind one public address, as behind a load balancer without sticky sessions: a
 * login through the provider started on one finishes on the other, once, and not after its lifetime.
 */
class OidcOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    /** Where browsers reach the servers; the test plays the load balancer and sends each request to one of them. */
    private static final String PUBLIC = "http://gantry.example";

    @TempDir
    Path dir;

    private final Time.Virtual time = Time.virtual(Instant.parse("2026-11-02T09:00:00Z"));
    private TestOidcProvider provider;
    private GantryServer first;
    private GantryServer second;

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
        provider = new TestOidcProvider(time.clock());
        first = serve(source.dir(), dir.resolve("first"));
        second = serve(source.dir(), dir.resolve("second"));
        ServerClient.of(
                        base(first),
                        Files.readString(dir.resolve("first/admin.token")).strip())
                .createAccount(new AccountRequest("Priya Shah", List.of("read"), "correct horse battery staple"));
    }

    private GantryServer serve(Path source, Path data) throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.toString())),
                        Optional.of(url()),
                        ServerConfig.LEASE,
                        Optional.of(provider.settings(URI.create(PUBLIC))),
                        Optional.of(URI.create(PUBLIC))),
                time,
                new ServerLog(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
        if (provider != null) provider.close();
    }

    private static String base(GantryServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Starts a login on {@code server} and follows it to the provider; answers the callback the provider sends. */
    private String startOn(GantryServer server, Browser browser) throws Exception {
        HttpResponse<String> start = browser.visit(base(server) + "/login/oidc?next=%2Faccount");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);
        HttpResponse<String> back =
                browser.visit(start.headers().firstValue("Location").orElseThrow());
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        String callback = back.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(PUBLIC + "/login/oidc/callback?code=");
        return callback.substring(PUBLIC.length());
    }

    @Test
    void aLoginStartedOnOneServerFinishesOnTheOtherOnce() throws Exception {
        Browser browser = new Browser(base(first));
        String callback = startOn(first, browser);

        HttpResponse<String> done = browser.visit(base(second) + callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/account");
        HttpResponse<String> account = browser.visit(base(first) + "/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("<h1>Priya Shah</h1>");

        // The same callback, replayed on either server, finds the login finished.
        for (GantryServer server : List.of(first, second)) {
            HttpResponse<String> replayed = browser.visit(base(server) + callback);
            assertThat(replayed.statusCode()).isEqualTo(403);
            assertThat(replayed.body()).contains("this login is unknown here, expired, finished already");
        }
    }

    @Test
    void aLoginOlderThanItsLifetimeFinishesNowhere() throws Exception {
        Browser browser = new Browser(base(second));
        String callback = startOn(second, browser);

        time.advance(Duration.ofMinutes(11));

        HttpResponse<String> late = browser.visit(base(first) + callback);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("this login is unknown here, expired, finished already");
    }
}
