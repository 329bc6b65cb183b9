package dev.gantry.report;

import dev.gantry.analysis.Evaluation;
import dev.gantry.plan.Threshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One watched metric over the run, as its chart draws it: the new version's samples, the stable version's beside
 * them when the trigger read both, the threshold, and where each step began.
 *
 * @param threshold the trigger's threshold; empty for a trigger the plan no longer has
 * @param limit the threshold in the metric's base units (2% is 0.02); empty for a relative threshold without a
 *     baseline
 * @param canary the new version's readings with a value
 * @param stable the stable version's readings at the same times
 * @param marks where each canary step or rolling batch began, and the rollback
 */
public record Chart(
        String trigger,
        String metric,
        Optional<Threshold> threshold,
        OptionalDouble limit,
        List<Point> canary,
        List<Point> stable,
        List<Mark> marks) {

    public Chart {
        canary = List.copyOf(canary);
        stable = List.copyOf(stable);
        marks = List.copyOf(marks);
    }

    /** A reading at a time since the watch's start ({@link WatchSection#from}). */
    public record Point(Duration at, double value, Evaluation.State state) {}

    /**
     * A moment the traffic changed.
     *
     * @param label "step 2 · 50%", or "rollback"
     */
    public record Mark(Duration at, String label) {}

    /** The samples at which the trigger fired. */
    public List<Point> fired() {
        return canary.stream().filter(p -> p.state().fired()).toList();
    }

    /** A value in the unit the threshold states (17.07%, 840ms); see {@link #format(Optional, String, double)}. */
    public String format(double value) {
        return format(threshold, metric, value);
    }

    /**
     * A reading in the unit its threshold states: 0.1707 is 17.07% against a percentage, 0.84 is 840ms against
     * milliseconds. A threshold without a unit (a number, a factor of the baseline) says nothing of the reading's:
     * a latency, read in seconds as Prometheus gives it, is then shown in milliseconds; anything else as a plain
     * number.
     */
    static String format(Optional<Threshold> threshold, String metric, double value) {
        Threshold.Unit unit = threshold.map(Threshold::unit).orElse(Threshold.Unit.NUMBER);
        if (unit == Threshold.Unit.PERCENT || unit == Threshold.Unit.MILLISECONDS)
            return threshold.get().inUnit(value);
        if (metric != null && metric.toLowerCase(java.util.Locale.ROOT).contains("latency"))
            return new Threshold(Threshold.Comparison.ABOVE, 0, Threshold.Unit.MILLISECONDS).inUnit(value);
        return threshold.map(t -> t.inUnit(value)).orElseGet(() -> number(value));
    }

    /** The threshold in the metric's base units: 2% is 0.02, 500ms is 0.5, 1.5x a baseline of 0.2 is 0.3. */
    static OptionalDouble limit(Threshold threshold, Double baseline) {
        return switch (threshold.unit()) {
            case PERCENT -> OptionalDouble.of(threshold.value() / 100);
            case MILLISECONDS -> OptionalDouble.of(threshold.value() / 1000);
            case NUMBER -> OptionalDouble.of(threshold.value());
            case TIMES_BASELINE ->
                baseline == null ? OptionalDouble.empty() : OptionalDouble.of(threshold.value() * baseline);
        };
    }

    /** A number as people read it: at most six significant digits, no trailing zeros. */
    static String number(double value) {
        if (!Double.isFinite(value)) return String.valueOf(value);
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.valueOf((long) value);
        return new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
