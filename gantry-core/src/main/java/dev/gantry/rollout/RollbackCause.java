package dev.gantry.rollout;

/** Why a run rolls back: the first line of its report and of its notification. */
public enum RollbackCause {
    /** A hard rollback trigger fired, or a soft one a person chose to roll back on. */
    TRIGGER_FIRED,
    /** A forward target action failed: it is never repeated forward. */
    ACTION_FAILED,
    /** A smoke test whose escalation is rollback failed. */
    SMOKE_TEST_FAILED,
    /** A person chose to roll back a run that waited for a decision. */
    PERSON_DECIDED,
    /** A person stopped the run with {@code gantry abort}. */
    PERSON_ABORTED,
    /** A person took a released version back with {@code gantry rollback}: a run of its own. */
    MANUAL_ROLLBACK
}
