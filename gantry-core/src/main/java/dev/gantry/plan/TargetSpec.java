package dev.gantry.plan;

import dev.gantry.binding.Variants;

/**
 * What deploys a release and shifts traffic in one environment, as the plan writes it under
 * {@code target: { type: ..., ... }}. The plan only holds it: the rollout's registry of targets names each record
 * and gives its behaviour, so the plan depends on no target.
 */
@Variants
public interface TargetSpec {

    /** What the target does, in one line for documents. */
    String describe();
}
