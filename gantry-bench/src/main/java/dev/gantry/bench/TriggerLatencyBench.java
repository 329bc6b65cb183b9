package dev.gantry.bench;

import dev.gantry.analysis.MetricContext;
import dev.gantry.analysis.MetricSource;
import dev.gantry.analysis.Reading;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.gate.CheckContext;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Target;
import dev.gantry.rollout.TargetCall;
import dev.gantry.rollout.TargetResult;
import dev.gantry.rollout.Time;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long the run engine takes from the sample that completes a trigger's {@code for} to the start of the
 * target's rollback action, for runs that watched more and more samples before the breach: the time must not
 * grow with the run's length. The engine runs for real (the embedded store with its durable writes, the trigger
 * evaluation, the events) on virtual time; the target and the metric source are in-process so only the
 * engine's own work is measured.
 *
 * <pre>java -cp gantry-bench/target/classes:gantry-cli/target/gantry.jar dev.gantry.bench.TriggerLatencyBench</pre>
 */
public final class TriggerLatencyBench {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    /** Healthy for {@code healthy} samples, then breaching; notes when the firing value was handed over. */
    record Scripted(int healthy, long[] firedAt) implements MetricSource {
        @Override
        public Reading instant(String query, Instant at, MetricContext context) {
            long minute = Duration.between(T0, at).toMinutes();
            boolean breach = minute > healthy;
            if (breach) firedAt[0] = System.nanoTime();
            return Reading.of(at, breach ? 0.05 : 0.004);
        }

        @Override
        public List<Reading> range(String query, Instant from, Instant to, Duration step, MetricContext context) {
            return List.of();
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    /** Does nothing but note when the rollback began. */
    record Noting(long[] rollbackAt) implements Target {
        @Override
        public TargetResult deploy(TargetCall call) {
            return TargetResult.done("deployed");
        }

        @Override
        public TargetResult setWeight(TargetCall call) {
            return TargetResult.done("weight " + call.weight());
        }

        @Override
        public TargetResult promote(TargetCall call) {
            return TargetResult.done("promoted");
        }

        @Override
        public TargetResult rollback(TargetCall call) {
            if (rollbackAt[0] == 0) rollbackAt[0] = System.nanoTime();
            return TargetResult.done("rolled back");
        }

        @Override
        public TargetResult status(TargetCall call) {
            return TargetResult.done("ok");
        }

        @Override
        public String describe() {
            return "in-process";
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.printf("%-28s %12s %12s%n", "samples before the breach", "median ms", "max ms");
        for (int healthy : new int[] {10, 100, 1000}) {
            List<Double> millis = new ArrayList<>();
            for (int round = 0; round < rounds + 1; round++) {
                double ms = once(healthy);
                if (round > 0) millis.add(ms); // the first round warms the JVM up
            }
            Collections.sort(millis);
            System.out.printf(
                    "%-28d %12.2f %12.2f%n", healthy, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
        }
    }

    /** One run whose trigger fires after {@code healthy} good samples; the milliseconds from firing to rollback. */
    private static double once(int healthy) throws Exception {
        Path dir = Files.createTempDirectory("gantry-latency");
        Path plan = dir.resolve("gantry.yaml");
        Files.writeString(
                plan,
                """
                environments: [{ name: production }]
                rollback:
                  - { id: DEP-020, metric: error_rate, query: error_rate, threshold: "> 2%%", for: 0s }
                rollout:
                  strategy: canary
                  canary: { steps: [100%%], watch: %dm, cadence: 1m }
                """
                        .formatted(healthy + 10));
        Plan loaded = PlanFile.load(plan, true, PlugIns.registries());
        long[] firedAt = {0};
        long[] rollbackAt = {0};
        try (H2Store store = H2Store.open(dir.resolve("state"))) {
            Time.Virtual time = Time.virtual(T0);
            CheckContext checks = new CheckContext(
                    dir,
                    null,
                    loaded,
                    "production",
                    Version.parse("1.4.0"),
                    "v1.4.0",
                    Optional.of("v1.3.0"),
                    "0".repeat(40),
                    ReleaseType.MINOR,
                    false,
                    time,
                    new ReleaseLog(store),
                    Map.of());
            var request = new RunEngine.Request(
                    "run-1",
                    "production",
                    Version.parse("1.4.0"),
                    Optional.of(Version.parse("1.3.0")),
                    checks.commit(),
                    ReleaseType.MINOR,
                    "bench",
                    null,
                    loaded,
                    new Noting(rollbackAt),
                    Optional.of(new Scripted(healthy, firedAt)),
                    checks,
                    RunEngine.Observer.NONE);
            new RunEngine(new RunLog(store), time).run(request);
        }
        return (rollbackAt[0] - firedAt[0]) / 1_000_000.0;
    }
}
