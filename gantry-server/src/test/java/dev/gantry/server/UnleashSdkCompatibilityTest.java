package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.flags.sdk.Evaluation;
import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.FlagEvaluator;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import io.getunleash.DefaultUnleash;
import io.getunleash.UnleashContext;
import io.getunleash.event.ClientFeaturesResponse;
import io.getunleash.event.UnleashSubscriber;
import io.getunleash.metric.ClientMetrics;
import io.getunleash.metric.ClientRegistration;
import io.getunleash.util.UnleashConfig;
import io.getunleash.util.UnleashScheduledExecutor;
import io.getunleash.variant.Variant;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unleash's own Java client (11.1.0) reads a project's flags from the team server, as an application would, and
 * decides for every flag and context what Gantry's evaluator decides on the same exported state. The client's
 * fetches and metrics run when the test says, on an executor of the test's own: no waiting for its timers.
 */
class UnleashSdkCompatibilityTest {

    static final String PLAN =
            """
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            flags:
              - { name: on-for-all }
              - { name: off-flag }
              - { name: users-listed }
              - { name: rollout-30 }
              - { name: targeted, type: permission }
              - { name: text-and-versions }
              - { name: variants-color, type: experiment }
              - { name: strategy-variants, type: experiment }
              - { name: segment-flag }
              - { name: child-of-on }
              - { name: child-of-off }
              - { name: child-needs-blue }
              - { name: gradual-session }
              - { name: from-addresses, type: operational }
              - { name: kill, type: kill-switch, enabled: true }
            """;

    /** Each flag's strategies, variants and dependencies, in Unleash's shape. */
    static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("on-for-all", "{\"strategies\":[{\"name\":\"default\"}]}");
        SETTINGS.put("off-flag", "{\"strategies\":[{\"name\":\"default\"}]}");
        SETTINGS.put(
                "users-listed",
                "{\"strategies\":[{\"name\":\"userWithId\",\"parameters\":{\"userIds\":\"u1, u3,u7\"}}]}");
        SETTINGS.put(
                "rollout-30",
                "{\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"30\","
                        + "\"stickiness\":\"userId\",\"groupId\":\"rollout-30\"}}]}");
        SETTINGS.put(
                "targeted",
                "{\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\","
                        + "\"stickiness\":\"default\",\"groupId\":\"targeted\"},\"constraints\":["
                        + "{\"contextName\":\"country\",\"operator\":\"IN\",\"values\":[\"de\",\"fr\"]},"
                        + "{\"contextName\":\"age\",\"operator\":\"NUM_GT\",\"value\":\"29\"}]},"
                        + "{\"name\":\"default\",\"constraints\":[{\"contextName\":\"userId\",\"operator\":\"IN\","
                        + "\"values\":[\"u2\"],\"inverted\":true},{\"contextName\":\"country\",\"operator\":\"IN\","
                        + "\"values\":[\"us\"]}]}]}");
        SETTINGS.put(
                "text-and-versions",
                "{\"strategies\":[{\"name\":\"default\",\"constraints\":["
                        + "{\"contextName\":\"email\",\"operator\":\"STR_ENDS_WITH\",\"values\":[\"@EXAMPLE.com\"],"
                        + "\"caseInsensitive\":true},"
                        + "{\"contextName\":\"version\",\"operator\":\"SEMVER_GTE\",\"value\":\"1.2.0\"}]},"
                        + "{\"name\":\"default\",\"constraints\":[{\"contextName\":\"signup\",\"operator\":\"DATE_AFTER\","
                        + "\"value\":\"2026-01-01T00:00:00Z\"}]}]}");
        SETTINGS.put(
                "variants-color",
                "{\"strategies\":[{\"name\":\"default\"}],\"variants\":["
                        + "{\"name\":\"blue\",\"weight\":600,\"weightType\":\"variable\",\"stickiness\":\"userId\","
                        + "\"payload\":{\"type\":\"json\",\"value\":\"{\\\"color\\\":\\\"#00f\\\"}\"}},"
                        + "{\"name\":\"red\",\"weight\":400,\"weightType\":\"variable\",\"stickiness\":\"userId\","
                        + "\"payload\":{\"type\":\"string\",\"value\":\"red\"},"
                        + "\"overrides\":[{\"contextName\":\"userId\",\"values\":[\"u4\",\"u5\"]}]}]}");
        SETTINGS.put(
                "strategy-variants",
                "{\"strategies\":[{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"100\","
                        + "\"stickiness\":\"userId\",\"groupId\":\"sv\"},\"constraints\":[{\"contextName\":"
                        + "\"country\",\"operator\":\"IN\",\"values\":[\"de\"]}],\"variants\":["
                        + "{\"name\":\"a\",\"weight\":500,\"weightType\":\"variable\",\"stickiness\":\"userId\"},"
                        + "{\"name\":\"b\",\"weight\":500,\"weightType\":\"variable\",\"stickiness\":\"userId\","
                        + "\"payload\":{\"type\":\"number\",\"value\":\"2\"}}]}],"
                        + "\"variants\":[{\"name\":\"flag-level\",\"weight\":1000,\"stickiness\":\"userId\"}]}");
        SETTINGS.put(
                "segment-flag",
                "{\"version\":2,\"features\":[{\"name\":\"segment-flag\",\"enabled\":true,\"strategies\":["
                        + "{\"name\":\"flexibleRollout\",\"parameters\":{\"rollout\":\"60\",\"stickiness\":\"userId\","
                        + "\"groupId\":\"segment-flag\"},\"segments\":[1,2]}]}],\"segments\":["
                        + "{\"id\":1,\"name\":\"europe\",\"constraints\":[{\"contextName\":\"country\","
                        + "\"operator\":\"IN\",\"values\":[\"de\",\"fr\"]}]},"
                        + "{\"id\":2,\"name\":\"adults\",\"constraints\":[{\"contextName\":\"age\","
                        + "\"operator\":\"NUM_GTE\",\"value\":\"18\"}]}]}");
        SETTINGS.put(
                "child-of-on",
                "{\"strategies\":[{\"name\":\"default\"}],\"dependencies\":[{\"feature\":\"on-for-all\"}]}");
        SETTINGS.put(
                "child-of-off",
                "{\"strategies\":[{\"name\":\"default\"}],\"dependencies\":[{\"feature\":\"off-flag\"}]}");
        SETTINGS.put(
                "child-needs-blue",
                "{\"strategies\":[{\"name\":\"default\"}],\"dependencies\":[{\"feature\":\"variants-color\","
                        + "\"variants\":[\"blue\"]},{\"feature\":\"off-flag\",\"enabled\":false}]}");
        SETTINGS.put(
                "gradual-session",
                "{\"strategies\":[{\"name\":\"gradualRolloutSessionId\",\"parameters\":{\"percentage\":\"50\","
                        + "\"groupId\":\"gs\"}}]}");
        SETTINGS.put(
                "from-addresses",
                "{\"strategies\":[{\"name\":\"remoteAddress\",\"parameters\":{\"IPs\":\"10.0.0.1, 192.168.3.4\"}}]}");
    }

    private static final String APP = "checkout-service";

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private ServerClient admin;
    private FlagWriter flags;
    private String token;
    private final List<DefaultUnleash> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir, PLAN);
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
        flags = new FlagWriter(fixture);
        token = admin.issue(new TokenRequest(APP, List.of("read"), 30)).text();
        for (Map.Entry<String, String> flag : SETTINGS.entrySet()) {
            String json = flag.getValue().startsWith("{\"version\"")
                    ? flag.getValue()
                    : "{\"name\":\"" + flag.getKey() + "\"," + flag.getValue().substring(1);
            flags.configure("production", flag.getKey(), json);
            if (!flag.getKey().equals("off-flag")) flags.turn("production", flag.getKey(), true);
        }
    }

    @AfterEach
    void stop() {
        clients.forEach(DefaultUnleash::shutdown);
        fixture.close();
    }

    /** Runs what the client schedules when the test says: once-only tasks at once, periodic ones on {@link #tick}. */
    static final class TestExecutor implements UnleashScheduledExecutor {
        private final List<Runnable> periodic = new CopyOnWriteArrayList<>();

        @Override
        public ScheduledFuture<?> setInterval(Runnable command, long initialDelaySec, long periodSec) {
            periodic.add(command);
            return null;
        }

        @Override
        public Future<Void> scheduleOnce(Runnable runnable) {
            runnable.run();
            return CompletableFuture.completedFuture(null);
        }

        /** One turn of every periodic task: a fetch of the flags, a send of the metrics. */
        void tick() {
            periodic.forEach(Runnable::run);
        }
    }

    /** What the client told its subscriber. */
    static final class Heard implements UnleashSubscriber {
        final List<ClientFeaturesResponse.Status> fetches = new CopyOnWriteArrayList<>();
        final List<ClientRegistration> registrations = new CopyOnWriteArrayList<>();
        final List<ClientMetrics> metrics = new CopyOnWriteArrayList<>();

        @Override
        public void togglesFetched(ClientFeaturesResponse response) {
            fetches.add(response.getStatus());
        }

        @Override
        public void clientRegistered(ClientRegistration registration) {
            registrations.add(registration);
        }

        @Override
        public void clientMetrics(ClientMetrics sent) {
            metrics.add(sent);
        }
    }

    /** Unleash's client pointed at the server, its first fetch made before the constructor returns. */
    private DefaultUnleash unleash(String instance, TestExecutor executor, Heard heard) {
        DefaultUnleash unleash = new DefaultUnleash(UnleashConfig.builder()
                .appName(APP)
                .environment("production")
                .instanceId(instance)
                .unleashAPI(fixture.url() + "/api/unleash/shop/production/")
                .apiKey(token)
                .backupFile(dir.resolve(instance + "-backup.json").toString())
                .scheduledExecutor(executor)
                .subscriber(heard)
                .synchronousFetchOnInitialisation(true)
                .build());
        clients.add(unleash);
        return unleash;
    }

    /** Thirty people in different countries, ages, versions, addresses and sessions. */
    static Map<String, Map<String, String>> contexts() {
        List<String> countries = List.of("de", "fr", "us", "DE", "jp");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("userId", "u" + i);
            fields.put("sessionId", "s" + (i * 13));
            fields.put("remoteAddress", i % 3 == 0 ? "10.0.0.1" : "192.168.3." + i);
            fields.put("country", countries.get(i % countries.size()));
            fields.put("age", i % 4 == 0 ? "abc" : Integer.toString(14 + i));
            fields.put(
                    "version",
                    List.of("1.2.0", "1.10.0-rc.1", "1.1.9", "2.0.0", "v1.2.3").get(i % 5));
            fields.put("email", i % 2 == 0 ? "user" + i + "@example.COM" : "user" + i + "@corp.io");
            if (i % 3 == 1) fields.put("signup", i % 2 == 0 ? "2026-03-01T00:00:00Z" : "2025-12-31T23:59:59Z");
            out.put("u" + i, fields);
        }
        return out;
    }

    @Test
    void unleashsJavaClientDecidesOnTheServersFlagsWhatGantryDecides() throws Exception {
        Heard heard = new Heard();
        DefaultUnleash unleash = unleash("compat-1", new TestExecutor(), heard);
        assertThat(heard.fetches).containsExactly(ClientFeaturesResponse.Status.CHANGED);
        List<String> declared = new ArrayList<>(SETTINGS.keySet());
        declared.add("kill");
        assertThat(unleash.more().getFeatureToggleNames()).containsExactlyInAnyOrderElementsOf(declared);
        FlagEvaluator gantry = FlagEvaluator.of(
                flags.export("production"), new EvaluatorOptions(Clock.systemUTC(), "compat-host", bound -> 0));

        int compared = 0;
        List<String> enabledSomewhere = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> context : contexts().entrySet()) {
            UnleashContext.Builder theirs =
                    UnleashContext.builder().appName(APP).environment("production");
            Map<String, String> properties = new LinkedHashMap<>();
            Map<String, String> fields = context.getValue();
            theirs.userId(fields.get("userId"))
                    .sessionId(fields.get("sessionId"))
                    .remoteAddress(fields.get("remoteAddress"));
            fields.forEach((name, value) -> {
                if (!List.of("userId", "sessionId", "remoteAddress").contains(name)) {
                    properties.put(name, value);
                    theirs.addProperty(name, value);
                }
            });
            FlagContext ours = new FlagContext(
                    fields.get("userId"),
                    fields.get("sessionId"),
                    fields.get("remoteAddress"),
                    "production",
                    APP,
                    null,
                    properties);
            for (String flag : unleash.more().getFeatureToggleNames()) {
                String pair = flag + " for " + context.getKey();
                Evaluation evaluation = gantry.evaluate(flag, ours);
                boolean enabled = unleash.isEnabled(flag, theirs.build(), false);
                Variant variant = unleash.getVariant(flag, theirs.build());
                assertThat(evaluation.enabled())
                        .as("%s: enabled (%s)", pair, evaluation.reason().text())
                        .isEqualTo(enabled);
                assertThat(evaluation.variant().name()).as("%s: variant", pair).isEqualTo(variant.getName());
                assertThat(evaluation.variant().enabled())
                        .as("%s: variant enabled", pair)
                        .isEqualTo(variant.isEnabled());
                // The Java client reports "no payload" as a payload of type string without a value.
                assertThat(evaluation.variant().payload().map(p -> p.type() + ":" + p.value()))
                        .as("%s: payload", pair)
                        .isEqualTo(variant.getPayload()
                                .filter(p -> p.getValue() != null)
                                .map(p -> p.getType() + ":" + p.getValue()));
                if (enabled) enabledSomewhere.add(flag);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(30 * 15);
        // The table means something only when the flags do not all answer the same.
        assertThat(enabledSomewhere).doesNotContain("off-flag", "child-of-off").contains("kill", "child-needs-blue");
        for (String partial : List.of(
                "rollout-30",
                "users-listed",
                "targeted",
                "text-and-versions",
                "segment-flag",
                "gradual-session",
                "from-addresses",
                "strategy-variants")) {
            assertThat(enabledSomewhere).as(partial + " is on for someone").contains(partial);
            assertThat(enabledSomewhere.stream().filter(partial::equals).count())
                    .as(partial + " is off for someone")
                    .isLessThan(30);
        }
    }

    @Test
    void theClientPollsWithItsETagAndSeesAChangeOnlyWhenThereIsOne() throws Exception {
        TestExecutor executor = new TestExecutor();
        Heard heard = new Heard();
        DefaultUnleash unleash = unleash("compat-2", executor, heard);
        UnleashContext u1 = UnleashContext.builder().userId("u1").build();
        assertThat(unleash.isEnabled("users-listed", u1)).isTrue();

        executor.tick();
        assertThat(heard.fetches)
                .containsExactly(ClientFeaturesResponse.Status.CHANGED, ClientFeaturesResponse.Status.NOT_CHANGED);

        flags.turn("production", "users-listed", false);
        executor.tick();
        assertThat(heard.fetches).last().isEqualTo(ClientFeaturesResponse.Status.CHANGED);
        assertThat(unleash.isEnabled("users-listed", u1)).isFalse();
    }

    @Test
    void theClientsRegistrationAndMetricsAreKeptAndReadBack() throws Exception {
        TestExecutor executor = new TestExecutor();
        Heard heard = new Heard();
        DefaultUnleash unleash = unleash("compat-3", executor, heard);
        assertThat(heard.registrations).hasSize(1);
        UnleashContext context = UnleashContext.builder().userId("u1").build();
        for (int i = 0; i < 3; i++) unleash.isEnabled("on-for-all", context);
        for (int i = 0; i < 2; i++) unleash.isEnabled("off-flag", context);

        executor.tick();
        assertThat(heard.metrics).hasSize(1);

        ObjectMapper json = new ObjectMapper();
        JsonNode instances = json.readTree(
                Http.send("GET", fixture.url() + "/api/projects/shop/flag-clients?environment=production", token)
                        .body());
        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).path("appName").asText()).isEqualTo(APP);
        assertThat(instances.get(0).path("instanceId").asText()).isEqualTo("compat-3");
        assertThat(instances.get(0).path("sdkVersion").asText()).isEqualTo("unleash-java-sdk:11.1.0");
        // Its own strategies are in its engine: the client lists only custom ones, of which it has none.
        assertThat(instances.get(0).path("strategies").isArray()).isTrue();

        JsonNode metrics = json.readTree(
                Http.send("GET", fixture.url() + "/api/projects/shop/flag-metrics?environment=production", token)
                        .body());
        assertThat(metrics)
                .extracting(
                        m -> m.path("flag").asText() + " " + m.path("appName").asText() + " yes "
                                + m.path("yes").asLong() + " no " + m.path("no").asLong())
                .containsExactly("off-flag " + APP + " yes 0 no 2", "on-for-all " + APP + " yes 3 no 0");
        assertThat(Optional.ofNullable(heard.metrics.get(0).getBucket())).isPresent();
    }
}
