package dev.gantry.plan;

/** What a trigger's run of samples without data means once it reaches {@code noData}. */
public enum NoData {
    /** A breach, acted on as the trigger's severity says: missing data is never a pass. */
    BREACH,
    /** Inconclusive: the run waits for a person, as Argo Rollouts does with an inconclusive analysis. */
    PAUSE
}
