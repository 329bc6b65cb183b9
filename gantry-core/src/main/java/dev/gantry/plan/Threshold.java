package dev.gantry.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a metric breaches: {@code > 2%}, {@code > 500ms}, {@code < 99.9%}, {@code > 1.5x baseline}, {@code >= 100}.
 *
 * @param value in the unit: a percentage as written (2 for 2%), milliseconds for durations, a factor for baseline
 */
public record Threshold(Comparison comparison, double value, Unit unit) {

    public enum Comparison {
        ABOVE(">"),
        AT_LEAST(">="),
        BELOW("<"),
        AT_MOST("<=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean breached(double observed, double limit) {
            return switch (this) {
                case ABOVE -> observed > limit;
                case AT_LEAST -> observed >= limit;
                case BELOW -> observed < limit;
                case AT_MOST -> observed <= limit;
            };
        }
    }

    public enum Unit {
        NUMBER(""),
        PERCENT("%"),
        MILLISECONDS("ms"),
        TIMES_BASELINE("x baseline");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }
    }

    private static final Pattern FORM =
            Pattern.compile("(>=|<=|>|<)\\s*(\\d+(?:\\.\\d+)?)\\s*(%|ms|s|x\\s+baseline|x)?", Pattern.CASE_INSENSITIVE);

    public static Threshold parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a threshold like \"> 2%\", \"> 500ms\", \"< 99.9%\" or \"> 1.5x baseline\", got \"" + text
                            + "\"");
        }
        Comparison comparison =
                switch (m.group(1)) {
                    case ">" -> Comparison.ABOVE;
                    case ">=" -> Comparison.AT_LEAST;
                    case "<" -> Comparison.BELOW;
                    default -> Comparison.AT_MOST;
                };
        double value = Double.parseDouble(m.group(2));
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("expected a threshold's number below 1.7e308, got \"" + text + "\"");
        }
        String unit =
                m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (unit) {
            case "%" -> new Threshold(comparison, value, Unit.PERCENT);
            case "ms" -> new Threshold(comparison, value, Unit.MILLISECONDS);
            case "s" -> new Threshold(comparison, value * 1000, Unit.MILLISECONDS);
            case "x", "x baseline" -> new Threshold(comparison, value, Unit.TIMES_BASELINE);
            default -> new Threshold(comparison, value, Unit.NUMBER);
        };
    }

    /**
     * A reading in the metric's base units (a ratio, seconds) as this threshold states its unit: 0.1707 is
     * {@code 17.07%} against a percentage, 0.84 is {@code 840ms} against milliseconds; a plain number otherwise.
     * Six significant digits at most, no trailing zeros.
     */
    public String inUnit(double reading) {
        if (!Double.isFinite(reading)) return String.valueOf(reading);
        BigDecimal exact = new BigDecimal(Double.toString(reading));
        BigDecimal shown =
                switch (unit) {
                    case PERCENT -> exact.movePointRight(2);
                    case MILLISECONDS -> exact.movePointRight(3);
                    case NUMBER, TIMES_BASELINE -> exact;
                };
        String number = shown.round(new MathContext(6)).stripTrailingZeros().toPlainString();
        return switch (unit) {
            case PERCENT -> number + "%";
            case MILLISECONDS -> number + "ms";
            case NUMBER, TIMES_BASELINE -> number;
        };
    }

    @Override
    public String toString() {
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        return comparison.symbol() + " " + number + unit.suffix;
    }
}
