package dev.gantry.binding;

import java.time.Duration;

/** A duration written the way the plan writes it: 90s as 1m30s, 10 minutes as 10m. */
public final class DurationText {

    private DurationText() {}

    public static String of(Duration duration) {
        if (duration.isZero()) return "0s";
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.length() > 0 ? text.toString() : duration.toNanos() + "ns";
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) text.append(amount).append(unit);
    }

    /** The compact constructors' rule for every timeout and limit: longer than zero. */
    public static Duration positive(String component, Duration duration, Duration fallback) {
        if (duration == null) return fallback;
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidValue(
                    component, "expected a duration longer than zero such as 30s, got \"" + of(duration) + "\"");
        }
        return duration;
    }
}
