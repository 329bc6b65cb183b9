package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.client.FlagClient;
import dev.gantry.flags.sdk.client.FlagListener;
import dev.gantry.flags.sdk.json.DeltaReader;
import dev.gantry.flags.sdk.json.JsonLimits;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.DeltaEvent;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unleash's client API on the team server, over real HTTP, with the flags kept in the project's store. */
class UnleashApiTest {

    static final String PLAN =
            """
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            flags:
              - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
              - { name: search-ranking, type: experiment }
              - { name: pay-kill, type: kill-switch, enabled: true }
            """;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private ServerClient admin;
    private FlagWriter flags;
    private String token;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir, PLAN);
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
        flags = new FlagWriter(fixture);
        token = admin.issue(new TokenRequest("checkout-service", List.of("read"), 30))
                .text();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private String base(String project, String environment) {
        return fixture.url() + "/api/unleash/" + project + "/" + environment;
    }

    private HttpResponse<String> get(String url, String authorization, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) request.header("Authorization", authorization);
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .header("UNLEASH-INSTANCEID", "checkout-7f9c")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void featuresAreTheKeptStateWithAnETagThatChangesExactlyWhenTheStateDoes() throws Exception {
        flags.turn("production", "new-checkout", true);
        String url = base("shop", "production") + "/client/features";

        HttpResponse<String> raw = get(url, token);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(StateWriter.write(flags.export("production")));
        assertThat(StateReader.read(raw.body()).environment()).hasValue("production");
        String etag = raw.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> bearer = get(url, "Bearer " + token);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.headers().firstValue("ETag")).hasValue(etag);

        HttpResponse<String> same = get(url, token, "If-None-Match", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(get(url, token, "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
        assertThat(get(url, token, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        // Turning a flag on that is on records nothing: the state, and so the tag, stay.
        flags.turn("production", "new-checkout", true);
        assertThat(get(url, token, "If-None-Match", etag).statusCode()).isEqualTo(304);
        // Another environment's change is not this one's.
        flags.turn("staging", "search-ranking", true);
        assertThat(get(url, token, "If-None-Match", etag).statusCode()).isEqualTo(304);

        flags.turn("production", "new-checkout", false);
        HttpResponse<String> changed = get(url, token, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(etag));
        assertThat(StateReader.read(changed.body()).features().get(0).enabled()).isFalse();
        // Back as it was: the same text, the same tag.
        flags.turn("production", "new-checkout", true);
        assertThat(get(url, token, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void everyEndpointRefusesNoTokenAWrongOneAndASessionCookieWith401() throws Exception {
        String wrong = "gantry_0123456789ab_" + "A".repeat(43);
        for (String path : List.of("/client/features", "/client/streaming")) {
            String url = base("shop", "production") + path;
            HttpResponse<String> none = get(url, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(none.body()).path("error").asText()).contains("Authorization: gantry_...");
            assertThat(get(url, wrong).statusCode()).as(path).isEqualTo(401);
            assertThat(get(url, "Bearer " + wrong).statusCode()).as(path).isEqualTo(401);
            assertThat(get(url, null, "Cookie", "gantry_session=whatever").statusCode())
                    .as("%s: a session cookie is not a token", path)
                    .isEqualTo(401);
        }
        for (String path : List.of("/client/register", "/client/metrics")) {
            HttpResponse<String> none = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base("shop", "production") + path))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).as(path).isEqualTo(401);
        }
        // The raw form is Unleash's client API's alone: the rest of the API wants the scheme.
        assertThat(get(fixture.url() + "/api/projects", token).statusCode()).isEqualTo(401);
        assertThat(fixture.log()).doesNotContain(wrong).doesNotContain(token);
    }

    @Test
    void aFlagThePlanGainsReachesTheStreamOnceTheServersCloneHasIt() throws Exception {
        EventStream stream = EventStream.open(base("shop", "staging") + "/client/streaming", "Authorization", token);
        FlagState state =
                apply(new FlagState(2, List.of(), List.of(), Optional.of("staging")), stream.next("unleash-connected"));
        assertThat(state.features()).hasSize(3);

        java.nio.file.Files.writeString(
                fixture.source.resolve("gantry.yaml"),
                PLAN + "  - { name: dark-mode, type: release, enabled: true }\n");
        dev.gantry.testing.GitFixture.init(fixture.source).commit("feat: dark mode");
        // Any request that names a commit brings the server's clone up to its origin.
        assertThat(Http.send("GET", fixture.url() + "/api/projects/shop/approvals?ref=main", fixture.adminToken())
                        .statusCode())
                .isEqualTo(200);

        EventStream.Event added = stream.next("unleash-updated");
        assertThat(added.data()).contains("\"name\":\"dark-mode\"");
        state = apply(state, added);
        assertThat(state.features())
                .extracting(f -> f.name() + "=" + f.enabled())
                .contains("dark-mode=true");
        assertThat(new java.util.HashSet<>(state.features()))
                .isEqualTo(new java.util.HashSet<>(
                        new FlagWriter(fixture).export("staging").features()));
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        NewToken reader = admin.issue(new TokenRequest("search-service", List.of("read"), 1));
        EventStream stream =
                EventStream.open(base("shop", "staging") + "/client/streaming", "Authorization", reader.text());
        stream.next("unleash-connected");

        // Nobody revokes it: the feed's periodic look at its streams' tokens finds it expired.
        fixture.clock.advance(java.time.Duration.ofDays(2));

        assertThat(stream.rest())
                .containsExactly(
                        new EventStream.Event("end", "{\"reason\":\"credential expired: the token expired\"}"));
    }

    @Test
    void aRawTokensFirstUseIsAuditedAndWrongRawTokensAreThrottledAsAnyOthers() throws Exception {
        String url = base("shop", "production") + "/client/features";
        assertThat(get(url, token).statusCode()).isEqualTo(200);
        assertThat(admin.audit()).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(dev.gantry.server.audit.AuditAction.TOKEN_USED);
            assertThat(entry.actor()).isEqualTo("checkout-service");
            assertThat(entry.subject()).endsWith("from 127.0.0.1 for the first time");
        });

        String wrong = "gantry_0123456789ab_" + "A".repeat(43);
        for (int i = 0; i < dev.gantry.server.auth.Throttle.LIMIT; i++)
            assertThat(get(url, wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> shut = get(url, token);
        assertThat(shut.statusCode())
                .as("even a right token, from an address shut out")
                .isEqualTo(429);
        assertThat(shut.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anUnknownProjectOrEnvironmentIs404SayingWhatThereIs() throws Exception {
        HttpResponse<String> project = get(base("shoe", "production") + "/client/features", token);
        assertThat(project.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(project.body()).path("error").asText())
                .isEqualTo("unknown project \"shoe\"; the server has: shop");
        HttpResponse<String> environment = get(base("shop", "prod") + "/client/streaming", token);
        assertThat(environment.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(environment.body()).path("error").asText())
                .isEqualTo("unknown environment \"prod\"; the plan has: staging, production");
        assertThat(post(base("shop", "prod") + "/client/register", registration("checkout-service"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(fixture.url() + "/api/projects/shop/flag-metrics?environment=prod", "Bearer " + token)
                        .statusCode())
                .isEqualTo(404);
    }

    static String registration(String app) {
        return "{\"appName\":\"" + app + "\",\"instanceId\":\"checkout-7f9c\",\"connectionId\":\"c-1\","
                + "\"sdkVersion\":\"unleash-client-node:6.1.0\",\"strategies\":[\"default\",\"flexibleRollout\"],"
                + "\"started\":\"2026-11-02T08:59:00Z\",\"interval\":15000,\"environment\":\"default\"}";
    }

    @Test
    void aRegistrationIsAcceptedAsUnleashDoesAndListedAsItLastSaid() throws Exception {
        HttpResponse<String> registered =
                post(base("shop", "production") + "/client/register", registration("checkout"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        fixture.clock.advance(java.time.Duration.ofMinutes(5));
        assertThat(post(
                                base("shop", "production") + "/client/register",
                                registration("checkout").replace("15000", "30000"))
                        .statusCode())
                .isEqualTo(202);
        String other = "{\"appName\":\"search\",\"strategies\":[],\"started\":1793610000000,\"interval\":10}";
        assertThat(post(base("shop", "staging") + "/client/register", other).statusCode())
                .isEqualTo(202);

        JsonNode listed = JSON.readTree(
                get(fixture.url() + "/api/projects/shop/flag-clients?environment=production", "Bearer " + token)
                        .body());
        assertThat(listed).hasSize(1);
        JsonNode checkout = listed.get(0);
        assertThat(checkout.path("appName").asText()).isEqualTo("checkout");
        assertThat(checkout.path("instanceId").asText()).isEqualTo("checkout-7f9c");
        assertThat(checkout.path("sdkVersion").asText()).isEqualTo("unleash-client-node:6.1.0");
        assertThat(checkout.path("strategies").toString()).isEqualTo("[\"default\",\"flexibleRollout\"]");
        assertThat(checkout.path("started").asText()).isEqualTo("2026-11-02T08:59:00Z");
        assertThat(checkout.path("interval").asLong()).isEqualTo(30000);
        assertThat(checkout.path("firstSeen").asText()).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(checkout.path("lastSeen").asText()).isEqualTo("2026-11-02T09:05:00Z");

        JsonNode all = JSON.readTree(get(fixture.url() + "/api/projects/shop/flag-clients", "Bearer " + token)
                .body());
        assertThat(all)
                .extracting(n ->
                        n.path("environment").asText() + " " + n.path("appName").asText() + " "
                                + n.path("instanceId").asText() + " "
                                + n.path("sdkVersion").asText())
                .containsExactly(
                        "production checkout checkout-7f9c unleash-client-node:6.1.0",
                        "staging search checkout-7f9c unknown");

        HttpResponse<String> bad = post(base("shop", "production") + "/client/register", "{\"appName\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).isEqualTo("strategies: missing");
    }

    static String metrics(String app, String flag, long yes, long no, String variants) {
        return "{\"appName\":\"" + app + "\",\"instanceId\":\"i-1\",\"environment\":\"default\","
                + "\"bucket\":{\"start\":\"2026-11-02T09:00:00Z\",\"stop\":\"2026-11-02T09:01:00Z\","
                + "\"toggles\":{\"" + flag + "\":{\"yes\":" + yes + ",\"no\":" + no + ",\"variants\":" + variants
                + "}}}}";
    }

    @Test
    void malformedMetricsAreRefusedWith400NamingTheFieldAndNothingIsKept() throws Exception {
        String url = base("shop", "production") + "/client/metrics";
        List<List<String>> cases = List.of(
                List.of("{\"appName\":", "the request's body is not JSON"),
                List.of("[]", "the request's body is {\"appName\": ..."),
                List.of("{\"bucket\":{}}", "appName: missing"),
                List.of("{\"appName\":\"a\"}", "bucket: missing"),
                List.of(
                        "{\"appName\":\"a\",\"bucket\":{\"start\":\"yesterday\",\"stop\":\"2026-11-02T09:01:00Z\","
                                + "\"toggles\":{}}}",
                        "bucket.start: expected a date-time such as 2026-12-07T10:00:00Z, got \"yesterday\""),
                List.of(
                        "{\"appName\":\"a\",\"bucket\":{\"start\":\"2026-11-02T09:02:00Z\","
                                + "\"stop\":\"2026-11-02T09:01:00Z\",\"toggles\":{}}}",
                        "bucket.stop: the bucket stops (2026-11-02T09:01:00Z) before it starts"
                                + " (2026-11-02T09:02:00Z)"),
                List.of(
                        "{\"appName\":\"a\",\"bucket\":{\"start\":\"2026-11-02T09:00:00Z\","
                                + "\"stop\":\"2026-11-02T09:01:00Z\",\"toggles\":[]}}",
                        "bucket.toggles: expected an object of flags by name, got []"),
                List.of(
                        metrics("a", "new-checkout", -1, 0, "{}"),
                        "bucket.toggles[\"new-checkout\"].yes: expected a whole number of 0 or more, got -1"),
                List.of(
                        metrics("a", "new-checkout", 1, 2, "{\"blue\":\"3\"}"),
                        "bucket.toggles[\"new-checkout\"].variants[\"blue\"]: expected a whole number of 0 or more,"
                                + " got \"3\""),
                List.of(
                        metrics("a", "new-checkout", 1, 2, "{}").replace("\"no\":2,", ""),
                        "bucket.toggles[\"new-checkout\"].no: missing"));
        for (List<String> c : cases) {
            HttpResponse<String> answer = post(url, c.get(0));
            assertThat(answer.statusCode()).as(c.get(0)).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("error").asText())
                    .as(c.get(0))
                    .startsWith(c.get(1));
        }
        assertThat(get(fixture.url() + "/api/projects/shop/flag-metrics", "Bearer " + token)
                        .body())
                .isEqualTo("[]");
    }

    @Test
    void metricsAreKeptAndReadBackSummedPerFlagAndApplication() throws Exception {
        String url = base("shop", "production") + "/client/metrics";
        assertThat(post(url, metrics("checkout", "new-checkout", 7, 3, "{\"blue\":4,\"red\":3}"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(
                                url,
                                metrics("checkout", "new-checkout", 1, 1, "{\"blue\":2}")
                                        .replace("09:01:00Z", "09:02:00Z")
                                        .replace("09:00:00Z", "09:01:00Z"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(url, metrics("search", "new-checkout", 0, 5, "null")).statusCode())
                .isEqualTo(202);
        assertThat(post(base("shop", "staging") + "/client/metrics", metrics("search", "pay-kill", 9, 0, "{}"))
                        .statusCode())
                .isEqualTo(202);

        JsonNode production = JSON.readTree(
                get(fixture.url() + "/api/projects/shop/flag-metrics?environment=production", "Bearer " + token)
                        .body());
        assertThat(production.toString())
                .isEqualTo("[{\"environment\":\"production\",\"flag\":\"new-checkout\",\"appName\":\"checkout\","
                        + "\"yes\":8,\"no\":4,\"variants\":{\"blue\":6,\"red\":3},"
                        + "\"from\":\"2026-11-02T09:00:00Z\",\"to\":\"2026-11-02T09:02:00Z\"},"
                        + "{\"environment\":\"production\",\"flag\":\"new-checkout\",\"appName\":\"search\","
                        + "\"yes\":0,\"no\":5,\"variants\":{},"
                        + "\"from\":\"2026-11-02T09:00:00Z\",\"to\":\"2026-11-02T09:01:00Z\"}]");
        JsonNode all = JSON.readTree(get(fixture.url() + "/api/projects/shop/flag-metrics", "Bearer " + token)
                .body());
        assertThat(all)
                .extracting(n ->
                        n.path("environment").asText() + " " + n.path("flag").asText())
                .containsExactly("production new-checkout", "production new-checkout", "staging pay-kill");
    }

    /** The events of an Unleash stream applied in order, as an SDK applies them. */
    private static FlagState apply(FlagState state, EventStream.Event event) throws Exception {
        for (DeltaEvent delta : DeltaReader.read(event.data(), JsonLimits.DEFAULT)) state = delta.apply(state);
        return state;
    }

    @Test
    void aStreamOpensWithTheWholeStateSendsEachChangeAndEndsWhenItsTokenIsRevoked() throws Exception {
        NewToken reader = admin.issue(new TokenRequest("search-service", List.of("read"), 30));
        String url = base("shop", "production") + "/client/streaming";
        EventStream stream = EventStream.open(url, "Authorization", reader.text());
        EventStream other = EventStream.open(url, "Authorization", "Bearer " + token);
        assertThat(stream.status).isEqualTo(200);
        FlagState empty = new FlagState(2, List.of(), List.of(), Optional.of("production"));
        FlagState state = apply(empty, stream.next("unleash-connected"));
        assertThat(state).isEqualTo(flags.export("production"));
        FlagState otherState = apply(empty, other.next("unleash-connected"));

        // Written by another process on the project's records: the feed finds it by looking.
        flags.configure(
                "production",
                "new-checkout",
                "{\"version\":2,\"features\":[{\"name\":\"new-checkout\",\"enabled\":true,\"strategies\":[{\"name\":\"flexibleRollout\","
                        + "\"parameters\":{\"rollout\":\"25\",\"stickiness\":\"userId\",\"groupId\":\"nc\"},"
                        + "\"segments\":[1]}]}],\"segments\":[{\"id\":1,\"name\":\"germany\",\"constraints\":"
                        + "[{\"contextName\":\"country\",\"operator\":\"IN\",\"values\":[\"de\"]}]}]}");
        EventStream.Event configured = stream.next("unleash-updated");
        assertThat(configured.data()).contains("\"type\":\"segment-updated\"", "\"type\":\"feature-updated\"");
        state = apply(state, configured);
        assertThat(state).isEqualTo(flags.export("production"));
        otherState = apply(otherState, other.next("unleash-updated"));

        // Told of the change at once, as a flag-changing service of this server tells it.
        flags.turn("production", "new-checkout", true);
        fixture.server.flagFeeds().changed("shop");
        EventStream.Event turned = stream.next("unleash-updated");
        assertThat(JSON.readTree(turned.data()).path("events")).hasSize(1);
        state = apply(state, turned);
        assertThat(state).isEqualTo(flags.export("production"));
        assertThat(apply(otherState, other.next("unleash-updated"))).isEqualTo(state);

        admin.revoke(reader.token().id());
        assertThat(stream.rest())
                .containsExactly(
                        new EventStream.Event("end", "{\"reason\":\"credential revoked: the token was revoked\"}"));
        flags.turn("production", "search-ranking", true);
        assertThat(apply(state, other.next("unleash-updated")))
                .as("another token's stream goes on")
                .isEqualTo(flags.export("production"));
    }

    @Test
    void aChangeReachesHundredsOfStreamsWrittenBySeveralThreadsAndThoseGoneAreLetGo() throws Exception {
        // Enough streams that the server writes a change to them from several threads at once.
        int count = 150;
        ScheduledExecutorService tasks = Executors.newScheduledThreadPool(2);
        ExecutorService reading = Executors.newFixedThreadPool(2);
        HttpClient shared = HttpClient.newBuilder().executor(reading).build();
        AtomicReference<CountDownLatch> round = new AtomicReference<>(new CountDownLatch(0));
        AtomicReference<Boolean> expected = new AtomicReference<>(true);
        List<FlagClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                FlagClient client = FlagClient.builder(URI.create(base("shop", "production")))
                        .apiToken(token)
                        .appName("search-service")
                        .instanceId("search-" + i)
                        .refreshInterval(Duration.ofHours(1))
                        .disableMetrics()
                        .httpClient(shared)
                        .executor(tasks)
                        .build();
                client.addListener(new FlagListener() {
                    @Override
                    public void onChanged(Set<String> changed) {
                        if (changed.contains("search-ranking")
                                && client.isEnabled("search-ranking", FlagContext.EMPTY) == expected.get())
                            round.get().countDown();
                    }
                });
                clients.add(client.start());
            }
            for (FlagClient client : clients)
                assertThat(client.awaitReady(Duration.ofSeconds(60))).isTrue();
            // Two clients go away: the server finds their streams gone as it writes, and lets them go.
            clients.remove(140).close();
            clients.remove(100).close();

            for (boolean on : List.of(true, false, true)) {
                CountDownLatch arrived = new CountDownLatch(clients.size());
                expected.set(on);
                round.set(arrived);
                flags.turn("production", "search-ranking", on);
                fixture.server.flagFeeds().changed("shop");
                assertThat(arrived.await(60, TimeUnit.SECONDS))
                        .as(() -> "every client still following sees search-ranking " + (on ? "on" : "off") + "; "
                                + arrived.getCount() + " of " + clients.size() + " have not")
                        .isTrue();
            }
            for (FlagClient client : clients)
                assertThat(client.isEnabled("search-ranking", FlagContext.EMPTY))
                        .isTrue();
        } finally {
            clients.forEach(FlagClient::close);
            tasks.shutdownNow();
            reading.shutdownNow();
        }
    }
}
