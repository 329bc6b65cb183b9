package dev.gantry.gate;

import dev.gantry.binding.Variants;

/**
 * A check a machine runs for a criterion or a validation. Each kind is one record, bound from the plan's
 * {@code check: { type: ..., ... }} and named in {@link Checks}.
 */
@Variants(registry = Checks.class)
public interface Check {

    /**
     * Runs the check. The faults of the world outside (a missing file, a server answering 500, a timeout) are an
     * {@link CheckResult.Status#ERROR} result naming the file or endpoint, never an exception and never a pass.
     */
    CheckResult evaluate(CheckContext context);

    /** What is checked, in one line for documents: "JUnit reports build/test-results/**.xml pass ≥ 95%". */
    String describe();
}
