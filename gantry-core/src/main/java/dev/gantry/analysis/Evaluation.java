package dev.gantry.analysis;

import dev.gantry.plan.Severity;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one sample says about one rollback trigger.
 *
 * @param observed the sample's value in the threshold's unit (2.6 for 2.6%, 840 for 840ms, 2.1 for 2.1x baseline;
 *     infinite for any rise above a baseline of 0); empty when the sample had no usable value
 * @param limit the threshold's value in the same unit
 * @param reason one line, such as {@code error_rate 2.6% > 2% for 5m (since 10:03:00)}
 */
public record Evaluation(State state, OptionalDouble observed, double limit, String reason, Severity severity) {

    public enum State {
        /** The value is on the safe side of the threshold. */
        OK,
        /** The threshold is crossed, but not yet for the trigger's {@code for}. */
        BREACHING,
        /** The threshold has been crossed for at least the trigger's {@code for}: act on the severity. */
        FIRED,
        /** Fewer than {@code noData} samples in a row had no usable value: not a pass, not yet a breach. */
        NO_DATA,
        /** {@code noData} samples in a row had no usable value: a breach, since missing data is never a pass. */
        NO_DATA_FIRED;

        public boolean fired() {
            return this == FIRED || this == NO_DATA_FIRED;
        }
    }

    public Evaluation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(severity, "severity");
    }

    /** Whether the trigger fires on this sample: a sustained breach or too long without data. */
    public boolean fired() {
        return state.fired();
    }
}
