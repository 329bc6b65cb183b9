package dev.gantry.bench.flags;

import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.FlagEvaluator;
import dev.gantry.flags.sdk.VariantResult;
import dev.gantry.flags.sdk.json.StateReader;
import io.getunleash.DefaultUnleash;
import io.getunleash.UnleashContext;
import io.getunleash.util.UnleashConfig;
import io.getunleash.variant.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Gantry's evaluator and Unleash's Java client side by side, on the same state document and the same contexts: a
 * plain on/off flag, a 25% flexible rollout on userId, a strategy with five constraints of mixed operators, and
 * weighted variants with payloads. Each call takes the next of 64 users, whose contexts both sides build once, before
 * measuring: Unleash's {@code UnleashContext} is immutable and reusable, as Gantry's {@code FlagContext} is.
 *
 * <p>The set-up checks that both sides give the same answer (enabled, variant and payload) for every flag and user,
 * so a figure never compares two different decisions. Run it through {@link FlagBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FlagEvaluationBench {

    static final String STATE = "bench-state.json";
    static final String APP = "bench-app";
    static final String ENVIRONMENT = "production";
    static final int USERS = 64;
    private static final String[] COUNTRIES = {"de", "fr", "nl", "at"};

    private FlagEvaluator gantry;
    private DefaultUnleash unleash;
    private Path backupDirectory;
    private FlagContext[] gantryContexts;
    private UnleashContext[] unleashContexts;
    private int next;

    @Setup(Level.Trial)
    public void bootstrapBoth() throws Exception {
        String state = stateDocument();
        gantry = FlagEvaluator.of(StateReader.read(state), EvaluatorOptions.system());
        backupDirectory = Files.createTempDirectory("flag-bench");
        // Bootstrapped from the document, never polling, metrics off, its server a closed loopback port: offline.
        unleash = new DefaultUnleash(UnleashConfig.builder()
                .appName(APP)
                .environment(ENVIRONMENT)
                .instanceId("flag-bench")
                .unleashAPI("http://127.0.0.1:1/api/")
                .backupFile(backupDirectory.resolve("unleash-backup.json").toString())
                .toggleBootstrapProvider(() -> Optional.of(state))
                .disablePolling()
                .disableMetrics()
                .synchronousFetchOnInitialisation(false)
                .build());
        gantryContexts = new FlagContext[USERS];
        unleashContexts = new UnleashContext[USERS];
        for (int i = 0; i < USERS; i++) {
            Map<String, String> properties = Map.of(
                    "country",
                    COUNTRIES[i % COUNTRIES.length],
                    "email",
                    "user-" + i + "@Example.com",
                    "age",
                    Integer.toString(18 + i % 50),
                    "version",
                    "1." + (3 + i % 5) + "." + i % 3);
            gantryContexts[i] =
                    new FlagContext("user-" + i, "session-" + i * 7, "10.0.0." + i, ENVIRONMENT, APP, null, properties);
            UnleashContext.Builder builder = UnleashContext.builder()
                    .userId("user-" + i)
                    .sessionId("session-" + i * 7)
                    .remoteAddress("10.0.0." + i)
                    .environment(ENVIRONMENT)
                    .appName(APP);
            properties.forEach(builder::addProperty);
            unleashContexts[i] = builder.build();
        }
        Agreement.check(gantry, unleash, gantryContexts, unleashContexts);
    }

    @TearDown(Level.Trial)
    public void shutDown() throws IOException {
        unleash.shutdown();
        try (var files = Files.list(backupDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(backupDirectory);
    }

    static String stateDocument() throws IOException {
        try (InputStream in = FlagEvaluationBench.class.getResourceAsStream(STATE)) {
            if (in == null) {
                throw new IOException(STATE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The next user, in turn: the same sequence on both sides. */
    private int user() {
        int user = next;
        next = (user + 1) & (USERS - 1);
        return user;
    }

    @Benchmark
    public boolean plain_gantry() {
        return gantry.isEnabled("plain", gantryContexts[user()]);
    }

    @Benchmark
    public boolean plain_unleash() {
        return unleash.isEnabled("plain", unleashContexts[user()]);
    }

    @Benchmark
    public boolean rollout_gantry() {
        return gantry.isEnabled("rollout", gantryContexts[user()]);
    }

    @Benchmark
    public boolean rollout_unleash() {
        return unleash.isEnabled("rollout", unleashContexts[user()]);
    }

    @Benchmark
    public boolean constraints_gantry() {
        return gantry.isEnabled("constraints", gantryContexts[user()]);
    }

    @Benchmark
    public boolean constraints_unleash() {
        return unleash.isEnabled("constraints", unleashContexts[user()]);
    }

    @Benchmark
    public VariantResult variants_gantry() {
        return gantry.evaluate("variants", gantryContexts[user()]).variant();
    }

    @Benchmark
    public Variant variants_unleash() {
        return unleash.getVariant("variants", unleashContexts[user()]);
    }
}
