package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Time;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A project's policy kept in PostgreSQL: set through one server, it is what a second server on the database holds. */
class PolicyOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @TempDir
    Path dir;

    @BeforeEach
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

    private GantryServer serve(Path source, Path data) throws Exception {
        String url = "postgresql://" + TestPostgres.USER + ":" + TestPostgres.PASSWORD + "@127.0.0.1:" + POSTGRES.port()
                + "/" + TestPostgres.DATABASE;
        return GantryServer.start(
                new ServerConfig(
                        data, "127.0.0.1", 0, List.of(new Project("shop-web", source.toString())), Optional.of(url)),
                Time.virtual(Instant.parse("2026-11-02T09:00:00Z")),
                new ServerLog(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @Test
    void aPolicySetThroughOneServerIsWhatTheNextServesAndReplacedInPlace() throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                "people:\n  - { name: Mark Liu, roles: [qa] }\napprovals:\n  minor: [qa]\n");
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        String admin;
        try (GantryServer first = serve(source.dir(), dir.resolve("first"))) {
            admin = Files.readString(dir.resolve("first/admin.token")).strip();
            ServerClient client = ServerClient.of("http://127.0.0.1:" + first.port(), admin);
            client.setPolicy("shop-web", "name: first\n");
            client.setPolicy("shop-web", "name: baseline\nrules:\n  - { approvers: [qa, security] }\n");
        }
        try (GantryServer second = serve(source.dir(), dir.resolve("second"))) {
            ServerClient client = ServerClient.of("http://127.0.0.1:" + second.port(), admin);
            assertThat(client.policy("shop-web").name()).isEqualTo("baseline");
            assertThat(client.approvals("shop-web", source.head(), Optional.empty())
                            .roles())
                    .extracting(r -> r.role() + " from " + r.from())
                    .containsExactly("qa from plan", "security from policy baseline");
            assertThat(client.audit())
                    .extracting(e -> e.action().name())
                    .as("the admin token's first use from this address is an entry too")
                    .containsExactly("TOKEN_ISSUED", "TOKEN_USED", "POLICY_SET", "POLICY_SET");
        }
    }
}
