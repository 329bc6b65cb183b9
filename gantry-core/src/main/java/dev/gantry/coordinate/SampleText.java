package dev.gantry.coordinate;

import dev.gantry.binding.DurationText;
import dev.gantry.plan.Threshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a watch window's numbers read on a terminal: samples in their threshold's unit, durations, times of day. */
public final class SampleText {

    // UTC, as the breach reasons of the rollback triggers give their times.
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private SampleText() {}

    /**
     * A sample as its threshold reads: a ratio as a percentage ({@code 2.1%}), seconds as milliseconds
     * ({@code 340ms}), a relative value as a factor of its baseline ({@code 1.4x baseline}).
     *
     * @param value in base units, as metric sources give it
     * @param baseline the reference of a relative threshold; null when none was measured
     */
    public static String of(Threshold.Unit unit, double value, Double baseline) {
        if (!Double.isFinite(value)) return String.valueOf(value);
        BigDecimal exact = decimal(value);
        return switch (unit) {
            case NUMBER -> text(exact);
            case PERCENT -> text(exact.movePointRight(2)) + "%";
            case MILLISECONDS -> text(exact.movePointRight(3)) + "ms";
            case TIMES_BASELINE -> relative(exact, baseline);
        };
    }

    public static String number(double value) {
        if (!Double.isFinite(value)) return String.valueOf(value);
        return text(decimal(value));
    }

    private static String relative(BigDecimal value, Double baseline) {
        if (baseline == null) return text(value) + " (no baseline)";
        BigDecimal reference = decimal(baseline);
        if (reference.signum() == 0) {
            return value.signum() == 0 ? "1x baseline" : text(value) + " (baseline 0)";
        }
        BigDecimal ratio = value.divide(reference, MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_UP);
        return ratio.stripTrailingZeros().toPlainString() + "x baseline";
    }

    /** Whole seconds: a terminal redrawn each second has no use for milliseconds. */
    public static String duration(Duration duration) {
        Duration seconds = duration.isNegative() ? Duration.ZERO : duration.withNanos(0);
        return DurationText.of(seconds);
    }

    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** Four significant digits, and every digit of the whole part: 2.1, 99.95, 340, 12346. */
    private static String text(BigDecimal value) {
        BigDecimal shown = value.abs().compareTo(THOUSAND) >= 0
                ? value.setScale(0, RoundingMode.HALF_UP)
                : value.round(new MathContext(4, RoundingMode.HALF_UP));
        return shown.signum() == 0 ? "0" : shown.stripTrailingZeros().toPlainString();
    }

    /** The decimal a double prints as: 0.021 is 0.021, not 0.0210000000000000013. */
    private static BigDecimal decimal(double value) {
        return new BigDecimal(Double.toString(value));
    }
}
