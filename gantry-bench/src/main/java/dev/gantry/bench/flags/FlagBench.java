package dev.gantry.bench.flags;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FlagEvaluationBench} with JMH's allocation profiler ({@code -prof gc}) and prints one table: for each
 * case, both sides' evaluations per second with JMH's 99.9% error, Gantry's speed over Unleash's, and the bytes each
 * allocates per evaluation ({@code gc.alloc.rate.norm}).
 *
 * <p>Usage: {@code FlagBench [--forks 3] [--warmups 20] [--iterations 10] [--seconds 1]}: each benchmark runs in
 * {@code --forks} fresh JVMs, each with {@code --warmups} untimed and {@code --iterations} timed iterations of
 * {@code --seconds} seconds. Twenty warm-ups by default: on a busy machine, Unleash's engine (WebAssembly compiled to
 * JVM bytecode) was still getting faster after ten.
 */
public final class FlagBench {

    /** Gantry's goal: at least this many times Unleash's evaluations per second. */
    private static final double SPEED_GOAL = 3.0;

    /** Below this, an evaluation allocates nothing: what is left is JMH's own bookkeeping spread over the calls. */
    private static final double NO_ALLOCATION = 1.0;

    private static final String USAGE = "usage: FlagBench [--forks 3] [--warmups 20] [--iterations 10] [--seconds 1]";

    private FlagBench() {}

    public static void main(String[] args) throws RunnerException {
        Map<String, Integer> options = new HashMap<>(Map.of("forks", 3, "warmups", 20, "iterations", 10, "seconds", 1));
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!options.containsKey(name) || i + 1 == args.length) {
                System.err.println("unknown option or missing value: " + args[i] + "\n" + USAGE);
                System.exit(2);
            }
            try {
                int value = Integer.parseInt(args[i + 1]);
                if (value < 1) {
                    throw new NumberFormatException();
                }
                options.put(name, value);
            } catch (NumberFormatException e) {
                System.err.println(args[i] + ": expected a whole number of at least 1, got \"" + args[i + 1] + "\"");
                System.exit(2);
            }
        }
        TimeValue iteration = TimeValue.seconds(options.get("seconds"));
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include(FlagEvaluationBench.class.getName() + "\\.")
                .forks(options.get("forks"))
                .warmupIterations(options.get("warmups"))
                .warmupTime(iteration)
                .measurementIterations(options.get("iterations"))
                .measurementTime(iteration)
                .timeUnit(TimeUnit.SECONDS)
                .threads(1)
                .addProfiler(GCProfiler.class);
        Collection<RunResult> results = new Runner(jmh.build()).run();
        System.out.println();
        System.out.print(table(results));
    }

    static String table(Collection<RunResult> results) {
        Map<String, RunResult> byMethod = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            byMethod.put(label.substring(label.lastIndexOf('.') + 1), result);
        }
        StringBuilder out = new StringBuilder();
        out.append("| case | Gantry ops/s | Unleash ops/s | Gantry / Unleash | Gantry B/op | Unleash B/op |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        StringBuilder goals = new StringBuilder();
        for (FlagCase flagCase : FlagCase.values()) {
            RunResult gantry = byMethod.get(flagCase.flag + "_gantry");
            RunResult unleash = byMethod.get(flagCase.flag + "_unleash");
            if (gantry == null || unleash == null) {
                continue;
            }
            Result<?> ours = gantry.getPrimaryResult();
            Result<?> theirs = unleash.getPrimaryResult();
            double ratio = ours.getScore() / theirs.getScore();
            double ourBytes = allocation(gantry);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.1fx | %s | %s |%n",
                    flagCase.title,
                    withError(ours),
                    withError(theirs),
                    ratio,
                    bytes(ourBytes),
                    bytes(allocation(unleash))));
            goals.append(String.format(
                    Locale.ROOT,
                    "%s: %.1fx Unleash (goal >= %.0fx: %s)",
                    flagCase.flag,
                    ratio,
                    SPEED_GOAL,
                    ratio >= SPEED_GOAL ? "met" : "MISSED"));
            if (flagCase == FlagCase.PLAIN || flagCase == FlagCase.ROLLOUT) {
                goals.append(String.format(
                        Locale.ROOT,
                        ", %s B/op (goal: none: %s)",
                        bytes(ourBytes),
                        ourBytes < NO_ALLOCATION ? "met" : "MISSED"));
            }
            goals.append('\n');
        }
        return out.append('\n').append(goals).toString();
    }

    private static String withError(Result<?> result) {
        return String.format(Locale.ROOT, "%,.0f ± %,.0f", result.getScore(), result.getScoreError());
    }

    /** Bytes allocated per operation, or NaN when the profiler gave none. */
    private static double allocation(RunResult result) {
        Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return norm == null ? Double.NaN : norm.getScore();
    }

    private static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value < 10 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }
}
