package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;

/**
 * A check a machine runs for a criterion or a validation. Each kind is one record, bound from the plan's
 * {@code check: { type: ..., ... }} as a {@link CheckSpec} and named in {@link Checks}, which gives the check of a
 * spec.
 */
public interface Check extends CheckSpec {

    /**
     * Runs the check. The faults of the world outside (a missing file, a server answering 500, a timeout) are an
     * {@link CheckResult.Status#ERROR} result naming the file or endpoint, never an exception and never a pass.
     */
    CheckResult evaluate(CheckContext context);
}
