package dev.gantry.plan;

/** What a breached rollback trigger does: hard rolls back at once, soft pauses and waits for a person. */
public enum Severity {
    HARD,
    SOFT
}
