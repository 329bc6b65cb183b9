package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.json.DeltaReader;
import dev.gantry.flags.sdk.json.JsonLimits;
import dev.gantry.flags.sdk.state.DeltaEvent;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.rollout.Time;
import dev.gantry.server.EventStream;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unleash's client API on servers that share a PostgreSQL: the metrics and registrations one server keeps are what
 * another reads, and a flag change stored by another writer of the project's schema reaches a stream.
 */
class UnleashOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostgresDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws Exception {
        database = PostgresDatabase.connect(PostgresUrl.parse(POSTGRES.url()));
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (java.sql.Connection c = POSTGRES.superuser();
                java.sql.Statement statement = c.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gantry_server CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS project_shop_web CASCADE");
        }
    }

    private GantryServer serve(Path source, Path data) throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop-web", source.toString())),
                        Optional.of(POSTGRES.url())),
                Time.virtual(Instant.parse("2026-11-02T09:00:00Z")),
                new ServerLog(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    private static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String url, String token) throws Exception {
        return new ObjectMapper()
                .readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    @Test
    void whatOneServerKeepsAnotherReadsAndAChangeByAnotherWriterReachesTheStream() throws Exception {
        GitFixture source = GitFixture.init(dir.resolve("shop"));
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                """
                environments:
                  - { name: production }
                flags:
                  - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
                """);
        source.git("add", "-A");
        source.commit("chore: the release plan");
        Plan plan = PlanFile.load(source.dir().resolve("gantry.yaml"), true, PlugIns.registries());
        try (GantryServer first = serve(source.dir(), dir.resolve("first"));
                GantryServer second = serve(source.dir(), dir.resolve("second"))) {
            String admin = Files.readString(dir.resolve("first/admin.token")).strip();
            String token = ServerClient.of("http://127.0.0.1:" + first.port(), admin)
                    .issue(new TokenRequest("checkout-service", List.of("read"), 30))
                    .text();
            String base = "http://127.0.0.1:" + first.port() + "/api/unleash/shop-web/production";
            assertThat(post(
                                    base + "/client/register",
                                    token,
                                    "{\"appName\":\"checkout\",\"instanceId\":\"i-1\",\"sdkVersion\":\"s:1\","
                                            + "\"strategies\":[\"default\"],\"started\":\"2026-11-02T08:00:00Z\","
                                            + "\"interval\":15000}")
                            .statusCode())
                    .isEqualTo(202);
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> sent = post(
                        base + "/client/metrics",
                        token,
                        "{\"appName\":\"checkout\",\"instanceId\":\"i-1\",\"bucket\":{\"start\":\"2026-11-02T09:00:00Z\","
                                + "\"stop\":\"2026-11-02T09:01:00Z\",\"toggles\":{\"new-checkout\":{\"yes\":3,\"no\":1,"
                                + "\"variants\":{\"blue\":3}}}}}");
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            }

            String other = "http://127.0.0.1:" + second.port() + "/api/projects/shop-web/";
            assertThat(get(other + "flag-metrics?environment=production", token).toString())
                    .isEqualTo("[{\"environment\":\"production\",\"flag\":\"new-checkout\",\"appName\":\"checkout\","
                            + "\"yes\":6,\"no\":2,\"variants\":{\"blue\":6},\"from\":\"2026-11-02T09:00:00Z\","
                            + "\"to\":\"2026-11-02T09:01:00Z\"}]");
            JsonNode instances = get(other + "flag-clients", token);
            assertThat(instances).hasSize(1);
            assertThat(instances.get(0).path("instanceId").asText()).isEqualTo("i-1");

            EventStream stream = EventStream.open(
                    "http://127.0.0.1:" + second.port() + "/api/unleash/shop-web/production/client/streaming",
                    "Authorization",
                    token);
            FlagState state = new FlagState(2, List.of(), List.of(), Optional.of("production"));
            state = apply(state, stream.next("unleash-connected"));
            assertThat(state.features().get(0).enabled()).isFalse();
            try (PostgresStore store = PostgresStore.open(database, "project_shop_web")) {
                new FlagStates(store)
                        .turn(
                                plan,
                                "production",
                                "new-checkout",
                                true,
                                "Ana Lima",
                                "launch",
                                Instant.parse("2026-11-02T09:02:00Z"));
                state = apply(state, stream.next("unleash-updated"));
                assertThat(state).isEqualTo(new FlagStates(store).export(plan, "production"));
            }
            assertThat(state.features().get(0).enabled()).isTrue();
        }
    }

    private static FlagState apply(FlagState state, EventStream.Event event) throws Exception {
        for (DeltaEvent delta : DeltaReader.read(event.data(), JsonLimits.DEFAULT)) state = delta.apply(state);
        return state;
    }
}
