package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A percentage as the plan writes it, {@code 95%} or {@code 99.5%}. Kept decimal so that a limit such as 99.9% is
 * compared exactly: {@code 999 of 1000} passes it, as a reader expects.
 *
 * @param value the number before the percent sign, never negative
 */
@Doc("A percentage such as 95% or 99.5%")
public record Percentage(BigDecimal value) {

    public static final Percentage HUNDRED = new Percentage(BigDecimal.valueOf(100));

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    public Percentage {
        if (value.signum() < 0) throw new IllegalArgumentException("a percentage cannot be negative, got " + value);
        // 95% and 95.0% are the same limit, and equal as values.
        value = value.stripTrailingZeros();
    }

    public static Percentage parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("-")
                && FORM.matcher(trimmed.substring(1).strip()).matches()) {
            throw new IllegalArgumentException("expected a percentage of 0% or more, got \"" + text + "\"");
        }
        if (!FORM.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("expected a percentage like 95%, got \"" + text + "\"");
        }
        return new Percentage(
                new BigDecimal(trimmed.substring(0, trimmed.length() - 1).strip()));
    }

    /** This percentage of {@code amount}: 5% of 180 is 9. */
    public double of(double amount) {
        return value.doubleValue() * amount / 100;
    }

    public boolean exceeds(BigDecimal limit) {
        return value.compareTo(limit) > 0;
    }

    @Override
    public String toString() {
        return value.stripTrailingZeros().toPlainString() + "%";
    }
}
