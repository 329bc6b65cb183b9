package dev.gantry.analysis;

import dev.gantry.plan.Threshold;
import dev.gantry.plan.Threshold.Unit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric value set against a threshold, in the threshold's unit.
 *
 * <p>Values arrive in base units (ratios, seconds). They are compared as the decimals they print as, not as binary
 * fractions: in doubles 0.029 × 100 is 2.9000000000000004, which would breach {@code <= 2.9%} the wrong way at
 * exactly the limit.
 *
 * @param shown the observed value for people: {@code 2.6%}, {@code 840ms}, {@code 2.1x baseline (0.84 against 0.4)}
 */
record Measurement(double observed, boolean breached, String shown) {

    private static final MathContext SHOWN = new MathContext(6);
    private static final BigDecimal SMALL = new BigDecimal("1e-6");
    private static final BigDecimal LARGE = new BigDecimal("1e15");

    /** Why {@code baseline} cannot serve {@code threshold}; empty when it can or when the threshold is absolute. */
    static Optional<String> baselineProblem(Threshold threshold, OptionalDouble baseline) {
        if (threshold.unit() != Unit.TIMES_BASELINE) return Optional.empty();
        if (baseline.isEmpty()) return Optional.of("no baseline measured");
        double value = baseline.getAsDouble();
        if (!Double.isFinite(value)) return Optional.of("the baseline is " + value + ", not a number");
        if (value < 0)
            return Optional.of("the baseline " + text(value) + " is negative, so a ratio to it means nothing");
        return Optional.empty();
    }

    /** {@code value} against {@code threshold}; a relative threshold needs a baseline {@link #baselineProblem} accepts. */
    static Measurement of(Threshold threshold, double value, OptionalDouble baseline) {
        BigDecimal exact = decimal(value);
        BigDecimal limit = decimal(threshold.value());
        return switch (threshold.unit()) {
            case NUMBER -> absolute(threshold, exact, limit, "");
            case PERCENT -> absolute(threshold, exact.movePointRight(2), limit, "%");
            case MILLISECONDS -> absolute(threshold, exact.movePointRight(3), limit, "ms");
            case TIMES_BASELINE -> relative(threshold, value, baseline.getAsDouble());
        };
    }

    private static Measurement absolute(Threshold threshold, BigDecimal observed, BigDecimal limit, String suffix) {
        boolean breached = threshold.comparison().breached(observed.compareTo(limit), 0);
        return new Measurement(observed.doubleValue(), breached, text(observed) + suffix);
    }

    /**
     * The ratio value / baseline. A baseline of 0 has no ratio, so: 0 against 0 is unchanged (1x), anything above
     * it is an unbounded rise (infinite, breaching every {@code >} and {@code >=}), anything below an unbounded fall.
     */
    private static Measurement relative(Threshold threshold, double value, double baseline) {
        double ratio;
        int sign;
        if (baseline == 0) {
            ratio = value == 0 ? 1 : Math.copySign(Double.POSITIVE_INFINITY, value);
            sign = Double.compare(ratio, threshold.value());
        } else {
            // In decimals too: 0.6 / 0.4 is 1.4999999999999998 in doubles, and 0.6 >= 1.5 × 0.4 is false.
            ratio = decimal(value)
                    .divide(decimal(baseline), MathContext.DECIMAL64)
                    .doubleValue();
            sign = decimal(value).compareTo(decimal(threshold.value()).multiply(decimal(baseline)));
        }
        boolean breached = threshold.comparison().breached(sign, 0);
        String shown = text(ratio) + "x baseline (" + text(value) + " against " + text(baseline) + ")";
        return new Measurement(ratio, breached, shown);
    }

    /** Six significant digits, no trailing zeros, an exponent only for the absurdly large or small: 2.6, 1500. */
    static String text(double value) {
        if (Double.isInfinite(value)) return value > 0 ? "∞" : "-∞";
        return text(decimal(value));
    }

    private static String text(BigDecimal value) {
        BigDecimal shown = value.round(SHOWN).stripTrailingZeros();
        BigDecimal size = shown.abs();
        boolean plain = size.signum() == 0 || size.compareTo(SMALL) >= 0 && size.compareTo(LARGE) < 0;
        return plain ? shown.toPlainString() : shown.toString();
    }

    /** The decimal a double prints as (0.1 is 0.1, not 0.1000000000000000055511151231257827). */
    private static BigDecimal decimal(double value) {
        return new BigDecimal(Double.toString(value));
    }
}
