package dev.gantry.rollout;

import java.time.Duration;

/**
 * One action of a strategy: what the target is asked, and what follows it.
 *
 * @param action deploy, set-weight or promote
 * @param weight the new version's share of traffic after it
 * @param step the canary step or rolling batch, from 1; 0 for a deploy before traffic or a promote
 * @param smoke whether the validations run after it (before users see the new version, where possible)
 * @param watch how long the metrics are watched after it; zero for none
 * @param pause whether the run waits for a person after the watch ({@code canary.pauseAt})
 */
record Move(Action action, int weight, int step, String colour, boolean smoke, Duration watch, boolean pause) {

    /** The idempotency key of this move in run {@code runId}: the same every time the run is resumed. */
    String stepId(String runId) {
        return runId + "/" + action.word() + (step > 0 ? "-" + step : "");
    }
}
