package dev.gantry.coordinate;

import dev.gantry.rollout.RunLog;
import java.time.Instant;
import java.util.Optional;

/**
 * Where one environment stands: its last run, seen as a person watching it wants to see it. What {@code gantry
 * status} prints and the server answers, from the same record.
 *
 * @param last empty before the environment's first run
 */
public record EnvironmentStatus(String environment, Optional<LastRun> last) {

    /**
     * The environment's last run.
     *
     * @param untrusted why the run's record cannot be trusted (an edited or lost event), when it cannot
     * @param heldBy the lease that holds the environment for a run not yet ended
     */
    public record LastRun(RunLog.Summary summary, RunView view, Optional<String> untrusted, Optional<Hold> heldBy) {}

    /**
     * The lease of a run that has not ended, at the moment the status was read.
     *
     * @param expired whether the lease no longer keeps another run out
     */
    public record Hold(String runId, Instant expires, boolean expired) {}
}
