package dev.gantry.binding;

import java.time.Duration;

/** A duration written the way the plan writes it: 90s as 1m30s, 10 minutes as 10m. */
public final class DurationText {

    /**
     * The longest duration a plan may write: 3 years is more than any freeze, lifetime or timeout needs, while the
     * times a duration is added to stay far inside what dates and clocks can hold.
     */
    public static final Duration MAX = Duration.ofDays(3 * 365);

    private DurationText() {}

    /** A duration written as a plan writes it, such as 30s or 1m30s; refused with what was expected. */
    public static Duration parse(String text) {
        try {
            return Scalars.duration(text);
        } catch (Scalars.Mismatch e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

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

    /**
     * The compact constructors' rule for a bounded wait, such as a watch: at most {@code max}.
     *
     * @param what what it is, for the message, such as "a watch"
     */
    public static Duration atMost(String component, Duration duration, Duration max, String what) {
        if (duration.compareTo(max) > 0) {
            throw new InvalidValue(
                    component, "expected " + what + " from 0s to " + of(max) + ", got \"" + of(duration) + "\"");
        }
        return duration;
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
