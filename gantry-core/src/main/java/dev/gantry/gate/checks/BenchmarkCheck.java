package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.git.GitException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark result is no worse than its baseline by more than a tolerance. The number comes from a JMH result
 * file (the entry of a benchmark, its score or a percentile) or, for other formats, from a JSON path; the
 * baseline file has the same format.
 */
@Doc("A benchmark result (JMH's JSON, or any JSON by path) is no worse than its baseline beyond a tolerance")
public record BenchmarkCheck(
        @Required @Doc("The results file from the repository's top folder, such as build/jmh-result.json")
                String results,
        @Required @Doc("The baseline file of the same format, such as bench/baseline.json") String baseline,
        @Doc("The JMH benchmark by its full name, such as dev.shop.CheckoutBench.checkout") String benchmark,
        @Doc("Of a JMH benchmark: score (the default) or a percentile such as p99, p95, p50 or p99.9") String metric,
        @Doc("For files that are not JMH's: a JSON path to the number, such as $.latency.p99") String path,
        @Doc("How much worse than the baseline the result may be, such as 5% (the default)") Percentage tolerance,
        @Doc("lower or higher is better; for JMH by default from the mode (thrpt higher; avgt, sample and ss"
                        + " lower) and the unit (ops/s higher; s/op, ms/op, us/op and ns/op lower); required with"
                        + " path")
                Better better,
        @Doc("Require the results file's last git commit to be the release commit or one after the previous"
                        + " release, so that an old result does not pass")
                boolean fresh)
        implements Check {

    public enum Better {
        LOWER,
        HIGHER
    }

    private static final Percentage DEFAULT_TOLERANCE = Percentage.parse("5%");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d+)?)");
    private static final String SCORE = "score";

    public BenchmarkCheck {
        requireFile("results", results, "build/jmh-result.json");
        requireFile("baseline", baseline, "bench/baseline.json");
        if (benchmark == null && path == null) {
            throw new IllegalArgumentException(
                    "a benchmark check needs benchmark (a JMH benchmark's name) or path (a JSON path to the number)");
        }
        if (benchmark != null && path != null) {
            throw new IllegalArgumentException("give benchmark or path, not both");
        }
        if (benchmark != null && benchmark.isBlank()) {
            throw new InvalidValue(
                    "benchmark",
                    "expected a JMH benchmark's full name such as dev.shop.CheckoutBench.checkout, got \"\"");
        }
        if (path != null) {
            if (metric != null) {
                throw new InvalidValue("metric", "applies to a JMH benchmark; with path, the path picks the number");
            }
            checkPath(path);
            if (better == null) {
                throw new IllegalArgumentException("with path, give better: lower or higher; a number of any JSON"
                        + " does not say which way is better");
            }
        } else {
            if (metric == null) metric = SCORE;
            percentileKey(metric);
        }
        if (tolerance == null) tolerance = DEFAULT_TOLERANCE;
    }

    private static void requireFile(String key, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new InvalidValue(key, "expected a JSON file such as " + example + ", got \"\"");
        }
    }

    private static void checkPath(String path) {
        try {
            JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            String problem = e.getMessage() == null || e.getMessage().isEmpty() ? "it does not parse" : e.getMessage();
            problem = problem.substring(0, 1).toLowerCase(Locale.ROOT) + problem.substring(1);
            throw new InvalidValue(
                    "path", "expected a JSON path such as $.latency.p99, got \"" + path + "\": " + problem);
        }
    }

    /** JMH's key of a percentile such as "99.0" for p99; null for the score. */
    private static String percentileKey(String metric) {
        if (metric.equals(SCORE)) return null;
        Matcher m = PERCENTILE.matcher(metric);
        if (!m.matches() || new BigDecimal(m.group(1)).compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidValue(
                    "metric", "expected score or a percentile such as p99, p95 or p50, got \"" + metric + "\"");
        }
        return Double.toString(Double.parseDouble(m.group(1)));
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        String resultsName = ReportFiles.shown(context, context.resolve(results));
        String baselineName = ReportFiles.shown(context, context.resolve(baseline));
        Measurement now;
        Measurement before;
        try {
            now = measure(context, results, resultsName);
            before = measure(context, baseline, baselineName);
        } catch (JsonFiles.Unreadable e) {
            return CheckResult.error(e.getMessage());
        }
        if (!now.unit().equals(before.unit())) {
            return CheckResult.error(benchmark + " is in " + given(now.unit(), "unit") + " in " + resultsName
                    + " but in " + given(before.unit(), "unit") + " in " + baselineName
                    + ": the two cannot be compared");
        }
        if (!now.mode().equals(before.mode())) {
            return CheckResult.error(benchmark + " ran in mode " + given(now.mode(), "mode") + " for " + resultsName
                    + " but in mode " + given(before.mode(), "mode") + " for " + baselineName
                    + ": the two cannot be compared");
        }
        if (before.value() == 0) {
            return CheckResult.error(
                    baselineName + ": the baseline " + label() + " is 0, a tolerance in percent cannot apply");
        }
        Better direction = better;
        if (direction == null) {
            Direction given = Direction.of(now.mode(), now.unit());
            if (given.better().isEmpty()) return CheckResult.error(resultsName + ": " + given.problem());
            direction = given.better().get();
        }
        CheckResult compared = compare(now, before, direction);
        if (!fresh || compared.status() != CheckResult.Status.MET) return compared;
        try {
            return Freshness.ofFile(context, EvidenceFile.of(context, results)).applyTo(compared);
        } catch (GitException e) {
            return CheckResult.error(e.getMessage());
        }
    }

    /**
     * Which way is better, as JMH's mode and the score's unit say; empty, with the reason, when they say nothing,
     * disagree, or the mode is unknown. Never guessed: a throughput read as a time passes a fall from 300 to 100.
     */
    private record Direction(Optional<Better> better, String problem) {

        private static final String SET_IT = "; set better: lower or higher";
        private static final Set<String> TIMES = Set.of("ns", "us", "µs", "ms", "s", "min", "hr", "day");

        static Direction of(String mode, String unit) {
            Optional<Better> byMode =
                    switch (mode) {
                        case "thrpt" -> Optional.of(Better.HIGHER);
                        case "avgt", "sample", "ss" -> Optional.of(Better.LOWER);
                        default -> Optional.empty();
                    };
            if (!mode.isEmpty() && byMode.isEmpty()) {
                return unknown("JMH mode \"" + mode + "\" is unknown" + SET_IT);
            }
            Optional<Better> byUnit = fromUnit(unit);
            if (byMode.isPresent() && byUnit.isPresent() && byMode.get() != byUnit.get()) {
                return unknown("JMH mode " + mode + " means " + label(byMode.get()) + " is better but unit " + unit
                        + " means " + label(byUnit.get()) + SET_IT);
            }
            if (byMode.isPresent()) return new Direction(byMode, "");
            if (byUnit.isPresent()) return new Direction(byUnit, "");
            String units = unit.isEmpty()
                    ? "no unit"
                    : "unit \"" + unit + "\", neither a rate such as ops/s nor a" + " time per operation such as us/op";
            return unknown("cannot tell whether higher or lower is better: no JMH mode and " + units + SET_IT);
        }

        /** ops/s, ops/ms...: a rate, higher is better; s/op, us/op...: a time per operation, lower is better. */
        private static Optional<Better> fromUnit(String unit) {
            String[] parts = unit.strip().split("/", -1);
            if (parts.length != 2) return Optional.empty();
            if (parts[0].equals("ops") && TIMES.contains(parts[1])) return Optional.of(Better.HIGHER);
            if (TIMES.contains(parts[0]) && parts[1].equals("op")) return Optional.of(Better.LOWER);
            return Optional.empty();
        }

        private static Direction unknown(String problem) {
            return new Direction(Optional.empty(), problem);
        }

        private static String label(Better better) {
            return better.name().toLowerCase(Locale.ROOT);
        }
    }

    private Measurement measure(CheckContext context, String file, String name) throws JsonFiles.Unreadable {
        JsonNode json = JsonFiles.read(EvidenceFile.of(context, file));
        if (path != null) return Measurement.ofPath(json, name, path);
        return Measurement.ofJmh(json, name, benchmark, percentileKey(metric));
    }

    /** Compared in decimals, so a result exactly at the limit passes as the evidence line says. */
    private CheckResult compare(Measurement now, Measurement before, Better direction) {
        BigDecimal result = BigDecimal.valueOf(now.value());
        BigDecimal base = BigDecimal.valueOf(before.value());
        BigDecimal change = result.subtract(base).multiply(BigDecimal.valueOf(100));
        BigDecimal worse = direction == Better.LOWER ? change : change.negate();
        boolean within = worse.compareTo(tolerance.value().multiply(base.abs())) <= 0;
        BigDecimal percent = change.divide(base.abs(), 1, RoundingMode.HALF_UP);
        String sign = direction == Better.LOWER ? "+" : "-";
        String unit = now.unit().isEmpty() ? "" : " " + now.unit();
        String evidence = label() + " " + shown(now.value()) + unit + " vs baseline " + shown(before.value()) + " ("
                + (percent.signum() >= 0 ? "+" : "") + percent.toPlainString() + "%, limit " + sign + tolerance + ")";
        double bound = direction == Better.LOWER
                ? before.value() + tolerance.of(Math.abs(before.value()))
                : before.value() - tolerance.of(Math.abs(before.value()));
        String detail = direction.name().toLowerCase(Locale.ROOT) + " is better; "
                + (direction == Better.LOWER ? "up to " : "down to ") + shown(bound) + unit + " is within " + tolerance
                + " of the baseline";
        Map<String, Object> facts = new TreeMap<>();
        facts.put("result", now.value());
        facts.put("baseline", before.value());
        facts.put("changePercent", percent.doubleValue());
        facts.put("tolerancePercent", tolerance.value().doubleValue());
        facts.put("better", direction.name().toLowerCase(Locale.ROOT));
        if (!now.unit().isEmpty()) facts.put("unit", now.unit());
        CheckResult outcome = within ? CheckResult.met(evidence) : CheckResult.unmet(evidence);
        return outcome.withDetails(List.of(detail)).withFacts(facts);
    }

    /** A unit or mode as messages show it: "(no unit)" when the file gives none. */
    private static String given(String value, String what) {
        return value.isEmpty() ? "(no " + what + ")" : value;
    }

    /** What is measured, as the evidence names it: p99, score, or the JSON path. */
    private String label() {
        return path != null ? path : metric;
    }

    /** Four significant digits and at least one decimal, never in exponent form: 184.2, 180.0, 0.01234, 12345.7. */
    static String shown(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value);
        BigDecimal rounded = decimal.abs().compareTo(BigDecimal.valueOf(1000)) >= 0
                ? decimal.setScale(1, RoundingMode.HALF_UP)
                : decimal.round(new MathContext(4, RoundingMode.HALF_UP));
        if (rounded.scale() < 1) rounded = rounded.setScale(1, RoundingMode.UNNECESSARY);
        return rounded.toPlainString();
    }

    @Override
    public String describe() {
        String what = path != null ? path + " of " + results : benchmark + " " + metric;
        String direction = better == null ? "" : ", " + better.name().toLowerCase(Locale.ROOT) + " is better";
        String made = fresh ? ", " + results + " changed for this release" : "";
        return what + " within " + tolerance + " of " + baseline + direction + made;
    }
}
