package dev.gantry.analysis;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One value of a metric, or why there is none.
 *
 * @param problem empty when there is a value; otherwise what went wrong ("no data", "HTTP 500 from ...")
 */
public record Reading(Instant at, OptionalDouble value, String problem) {

    public Reading {
        Objects.requireNonNull(at, "at");
        problem = problem == null ? "" : problem;
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("a reading is a finite number, got " + value.getAsDouble());
        }
    }

    public static Reading of(Instant at, double value) {
        if (!Double.isFinite(value)) return missing(at, "the source answered " + value + ", not a number");
        return new Reading(at, OptionalDouble.of(value), "");
    }

    public static Reading missing(Instant at, String problem) {
        return new Reading(at, OptionalDouble.empty(), problem);
    }

    public boolean hasValue() {
        return value.isPresent();
    }
}
