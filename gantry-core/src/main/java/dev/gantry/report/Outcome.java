package dev.gantry.report;

import dev.gantry.rollout.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How a run ended, as phase 6 of the report tells it: each kind with the facts its part of the template asks for. */
public sealed interface Outcome {

    /**
     * Released, with or without an override.
     *
     * @param override whether a person let the release pass an unmet criterion or a breach: a retrospective is due
     */
    record Released(String reason, boolean override, List<String> tickets) implements Outcome {
        public Released {
            tickets = List.copyOf(tickets);
        }
    }

    /**
     * Rolled back, or a rollback that failed.
     *
     * @param decidedBy the person who chose the rollback; empty when a trigger did
     * @param smokeAfter the smoke tests run after the rollback
     * @param start when the first rollback action began; empty when none ran
     */
    record RolledBack(
            boolean failed,
            Optional<String> decidedBy,
            String reason,
            List<ReportModel.SmokeTest> smokeAfter,
            Optional<Instant> start,
            Instant end,
            List<String> tickets)
            implements Outcome {
        public RolledBack {
            smokeAfter = List.copyOf(smokeAfter);
            tickets = List.copyOf(tickets);
        }
    }

    /** Stopped before anything was released; what it changed, if anything, was undone. */
    record Aborted(Phase phase, String reason, boolean liveChanged) implements Outcome {}

    /** The run goes on, or waits for a person. */
    record Unfinished() implements Outcome {}
}
