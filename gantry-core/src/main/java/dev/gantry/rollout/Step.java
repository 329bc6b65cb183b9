package dev.gantry.rollout;

/**
 * How one part of a run left off: go on, wait for a person (a {@code Paused} event is in the log), or roll back
 * for a cause.
 */
sealed interface Step {

    Step ON = new On();
    Step WAIT = new Wait();

    record On() implements Step {}

    record Wait() implements Step {}

    record Back(RollbackCause cause, String reason) implements Step {}

    static Step back(RollbackCause cause, String reason) {
        return new Back(cause, reason);
    }
}
