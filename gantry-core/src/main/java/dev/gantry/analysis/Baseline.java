package dev.gantry.analysis;

import java.util.List;
import java.util.OptionalDouble;

/** The reference value of a relative threshold ({@code > 1.5x baseline}), from a window read before the deploy. */
public final class Baseline {

    private Baseline() {}

    /**
     * The median of the readings that have a value; empty when none has.
     *
     * <p>The median rather than the mean: one incident minute in the window before the deploy would drag a mean
     * up and let a real regression pass under it, and a gap or a spike of zeros would drag it down and fire on
     * noise. The median moves only when most of the window moves.
     */
    public static OptionalDouble of(List<Reading> readings) {
        double[] values = readings.stream()
                .filter(Reading::hasValue)
                .mapToDouble(r -> r.value().getAsDouble())
                .sorted()
                .toArray();
        if (values.length == 0) return OptionalDouble.empty();
        int middle = values.length / 2;
        if (values.length % 2 == 1) return OptionalDouble.of(values[middle]);
        // Halves first: the sum of two large values could overflow.
        return OptionalDouble.of(values[middle - 1] / 2 + values[middle] / 2);
    }
}
