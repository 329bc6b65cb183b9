package dev.gantry.plan;

/** What a failed validation leads to. */
public enum Escalation {
    ROLLBACK,
    PAUSE,
    NOTIFY
}
