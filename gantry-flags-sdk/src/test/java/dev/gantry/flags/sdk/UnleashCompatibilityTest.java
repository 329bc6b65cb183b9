package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.flags.sdk.json.StateReader;
import io.getunleash.DefaultUnleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.getunleash.variant.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real Unleash Java client (its Yggdrasil engine) and Gantry's evaluator read the same state document and must
 * decide the same for every flag and context: enabled, variant name, variant enabled and payload. The client is
 * bootstrapped from the document, never polls, and points at a closed loopback port, so nothing leaves the machine.
 */
class UnleashCompatibilityTest {

    private static final String APP = "compat-app";
    private static final String ENVIRONMENT = "production";

    /** Flags whose answer is a random draw for a context with neither userId nor sessionId. */
    private static final List<String> RANDOM_WITHOUT_IDENTITY = List.of(
            "flex-default-25",
            "variants-basic",
            "variants-fixed",
            "variants-override",
            "strategy-variants-fallback",
            "segment-flag",
            "flex-no-rollout");

    /** Flags whose variants stick to one field: without it, both sides draw at random. */
    private static final Map<String, String> STICKY_ON =
            Map.of("variants-tenant", "tenant", "parent-variants", "userId", "child-needs-red", "userId");

    /** What the forty bulk users are compared on: the flags whose answer depends on the user's bucket. */
    private static final List<String> BULK_PREFIXES =
            List.of("flex", "gradual", "variants", "strategy-variants", "child", "parent-variants");

    @TempDir
    static Path backup;

    private static DefaultUnleash unleash;
    private static FlagEvaluator gantry;
    private static List<String> flags;

    @BeforeAll
    static void bootstrapBoth() throws Exception {
        String state = stateDocument();
        UnleashConfig config = UnleashConfig.builder()
                .appName(APP)
                .environment(ENVIRONMENT)
                .instanceId("compatibility-test")
                .unleashAPI("http://127.0.0.1:1/api/")
                .backupFile(backup.resolve("unleash-backup.json").toString())
                .toggleBootstrapProvider(() -> Optional.of(state))
                .disablePolling()
                .disableMetrics()
                .synchronousFetchOnInitialisation(false)
                .build();
        unleash = new DefaultUnleash(config);
        gantry = FlagEvaluator.of(
                StateReader.read(state),
                new EvaluatorOptions(Clock.systemUTC(), hostname(), bound -> ThreadLocalRandom.current()
                        .nextInt(bound)));
        flags = new ArrayList<>(gantry.flagNames());
    }

    @AfterAll
    static void shutDown() {
        unleash.shutdown();
    }

    static String stateDocument() throws IOException {
        try (InputStream in = UnleashCompatibilityTest.class.getResourceAsStream("unleash-compatibility-state.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${HOSTNAME}", hostname());
        }
    }

    static String hostname() {
        return EvaluatorOptions.system().hostname();
    }

    /** Contexts chosen to hit every operator's edges: missing fields, case, pre-releases, IPv6, odd numbers. */
    static Map<String, Map<String, String>> contexts() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        out.put(
                "alice",
                Map.of(
                        "userId",
                        "u1",
                        "sessionId",
                        "s1",
                        "remoteAddress",
                        "10.0.0.1",
                        "country",
                        "de",
                        "email",
                        "alice@example.com",
                        "age",
                        "30",
                        "version",
                        "1.2.3",
                        "tenant",
                        "acme",
                        "signupDate",
                        "2025-02-01T00:00:00Z"));
        out.put(
                "bob",
                Map.of(
                        "userId",
                        "u2",
                        "sessionId",
                        "s2",
                        "remoteAddress",
                        "192.168.3.4",
                        "country",
                        "fr",
                        "email",
                        "Bob@Example.ORG",
                        "age",
                        "31",
                        "version",
                        "1.0.0-beta.10",
                        "tenant",
                        "globex"));
        out.put(
                "carol",
                Map.of(
                        "userId",
                        "u3",
                        "remoteAddress",
                        "172.16.0.1",
                        "country",
                        "us",
                        "email",
                        "admin@corp.com",
                        "age",
                        "29.5",
                        "version",
                        "2.0.0-rc.1",
                        "signupDate",
                        "2023-12-31T23:59:59Z"));
        out.put(
                "session-only",
                Map.of(
                        "sessionId",
                        "s4",
                        "remoteAddress",
                        "2001:db8::1",
                        "country",
                        "DE",
                        "age",
                        "abc",
                        "version",
                        "v1.2.3"));
        out.put("bare-user", Map.of("userId", "u4"));
        out.put(
                "numbers",
                Map.of(
                        "userId",
                        "42",
                        "sessionId",
                        "abc",
                        "remoteAddress",
                        "::1",
                        "age",
                        "1e2",
                        "version",
                        "1.2.3+build.5",
                        "email",
                        "ADMIN@x.io",
                        "environment",
                        "staging"));
        out.put("unicode", Map.of("userId", "ünïcødé-ユーザー-😀", "country", "fr", "appName", "other-app"));
        out.put("nobody", Map.of());
        for (int i = 100; i < 140; i++) {
            out.put(
                    "user-" + i,
                    Map.of("userId", "user-" + i, "sessionId", "session-" + (i * 7), "tenant", "t" + (i % 9)));
        }
        return out;
    }

    static Stream<Arguments> pairs() throws Exception {
        return selected(false);
    }

    /** The pairs whose flag uses REGEX or IN_CIDR, which the engine of client 11.1.0 does not know. */
    static Stream<Arguments> operatorsUnknownToUnleash11() throws Exception {
        return selected(true);
    }

    private static Stream<Arguments> selected(boolean regexOrCidr) throws Exception {
        if (flags == null) {
            bootstrapBoth();
        }
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> context : contexts().entrySet()) {
            Map<String, String> fields = context.getValue();
            boolean bulk = context.getKey().startsWith("user-");
            for (String flag : flags) {
                if (!deterministic(flag, fields)) {
                    continue;
                }
                if (bulk && !BULK_PREFIXES.stream().anyMatch(flag::startsWith)) {
                    continue;
                }
                if (regexOrCidr == (flag.startsWith("c-regex") || flag.startsWith("c-cidr"))) {
                    out.add(Arguments.of(flag, context.getKey(), fields));
                }
            }
        }
        return out.stream();
    }

    /** Both sides draw at random when a flag's stickiness field is missing: such pairs cannot be compared. */
    private static boolean deterministic(String flag, Map<String, String> fields) {
        if (RANDOM_WITHOUT_IDENTITY.contains(flag)
                && !fields.containsKey("userId")
                && !fields.containsKey("sessionId")) {
            return false;
        }
        String sticky = STICKY_ON.get(flag);
        return sticky == null || fields.containsKey(sticky);
    }

    @Test
    void theTableCoversAtLeastFifteenHundredPairs() throws Exception {
        assertThat(pairs().count()).isGreaterThanOrEqualTo(1500);
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("pairs")
    void gantryDecidesWhatUnleashDecides(String flag, String contextName, Map<String, String> fields) {
        UnleashContext.Builder theirs = UnleashContext.builder().appName(APP).environment(ENVIRONMENT);
        Map<String, String> properties = new LinkedHashMap<>();
        String userId = null;
        String sessionId = null;
        String remoteAddress = null;
        String environment = ENVIRONMENT;
        String appName = APP;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            switch (field.getKey()) {
                case "userId" -> {
                    userId = field.getValue();
                    theirs.userId(userId);
                }
                case "sessionId" -> {
                    sessionId = field.getValue();
                    theirs.sessionId(sessionId);
                }
                case "remoteAddress" -> {
                    remoteAddress = field.getValue();
                    theirs.remoteAddress(remoteAddress);
                }
                case "environment" -> {
                    environment = field.getValue();
                    theirs.environment(environment);
                }
                case "appName" -> {
                    appName = field.getValue();
                    theirs.appName(appName);
                }
                default -> {
                    properties.put(field.getKey(), field.getValue());
                    theirs.addProperty(field.getKey(), field.getValue());
                }
            }
        }
        UnleashContext unleashContext = theirs.build();
        FlagContext ours = new FlagContext(userId, sessionId, remoteAddress, environment, appName, null, properties);

        Evaluation evaluation = gantry.evaluate(flag, ours);
        boolean unleashEnabled = unleash.isEnabled(flag, unleashContext, false);
        Variant unleashVariant = unleash.getVariant(flag, unleashContext);

        String pair = flag + " for " + contextName;
        assertThat(evaluation.enabled())
                .as("%s: enabled (%s)", pair, evaluation.reason().text())
                .isEqualTo(unleashEnabled);
        assertThat(gantry.isEnabled(flag, ours)).as("%s: fast path", pair).isEqualTo(unleashEnabled);
        assertThat(evaluation.variant().name()).as("%s: variant name", pair).isEqualTo(unleashVariant.getName());
        assertThat(evaluation.variant().enabled())
                .as("%s: variant enabled", pair)
                .isEqualTo(unleashVariant.isEnabled());
        // The Java client reports "no payload" as a payload of type string without a value.
        Optional<String> theirPayload = unleashVariant
                .getPayload()
                .filter(p -> p.getValue() != null)
                .map(p -> p.getType() + ":" + p.getValue());
        assertThat(evaluation.variant().payload().map(p -> p.type() + ":" + p.value()))
                .as("%s: payload", pair)
                .isEqualTo(theirPayload);
    }

    /**
     * Unleash's Java client 11.1.0 (engine 0.3.2) does not know REGEX or IN_CIDR: it fails such a constraint, inverted
     * or not, as any unknown operator. Gantry evaluates both (newer Unleash engines do); this test pins the
     * difference, so a client that learns them shows up here.
     */
    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("operatorsUnknownToUnleash11")
    void unleash11FailsRegexAndInCidrConstraints(String flag, String contextName, Map<String, String> fields) {
        UnleashContext.Builder theirs = UnleashContext.builder().appName(APP).environment(ENVIRONMENT);
        fields.forEach((name, value) -> {
            switch (name) {
                case "userId" -> theirs.userId(value);
                case "sessionId" -> theirs.sessionId(value);
                case "remoteAddress" -> theirs.remoteAddress(value);
                case "environment" -> theirs.environment(value);
                case "appName" -> theirs.appName(value);
                default -> theirs.addProperty(name, value);
            }
        });
        assertThat(unleash.isEnabled(flag, theirs.build(), true))
                .as(flag + " for " + contextName)
                .isFalse();
    }

    /**
     * A flag whose variants weigh 0 in total: Gantry gives no variant ({@code disabled}); the engine of Unleash's
     * client 11.1.0 divides by the total and traps, and every later call on that client fails too. Its own client
     * here, so the shared one stays usable.
     */
    @Test
    void aVariantWeightSumOfZeroBreaksUnleash11ButNotGantry() throws Exception {
        String state = "{\"version\":2,\"features\":[{\"name\":\"zero\",\"enabled\":true,"
                + "\"strategies\":[{\"name\":\"default\",\"parameters\":{}}],"
                + "\"variants\":[{\"name\":\"a\",\"weight\":0,\"stickiness\":\"default\"}]}]}";
        UnleashConfig config = UnleashConfig.builder()
                .appName(APP)
                .instanceId("zero-weight-test")
                .unleashAPI("http://127.0.0.1:1/api/")
                .backupFile(backup.resolve("zero-backup.json").toString())
                .toggleBootstrapProvider(() -> Optional.of(state))
                .disablePolling()
                .disableMetrics()
                .synchronousFetchOnInitialisation(false)
                .build();
        DefaultUnleash broken = new DefaultUnleash(config);
        try {
            UnleashContext context = UnleashContext.builder().userId("u1").build();
            assertThatThrownBy(() -> broken.getVariant("zero", context)).hasMessageContaining("Trapped");
        } finally {
            broken.shutdown();
        }
        Evaluation ours = FlagEvaluator.of(StateReader.read(state), EvaluatorOptions.system())
                .evaluate("zero", FlagContext.ofUser("u1"));
        assertThat(ours.enabled()).isTrue();
        assertThat(ours.variant()).isEqualTo(VariantResult.DISABLED);
    }
}
