package dev.gantry.plan;

import dev.gantry.binding.Variants;

/**
 * Where an environment's watch-window numbers come from, as the plan writes it under
 * {@code metrics: { type: ..., ... }}. The plan only holds it: the analysis's registry of metric sources names each
 * record and gives its behaviour, so the plan depends on no source.
 */
@Variants
public interface MetricSourceSpec {

    /** What the source is, in one line for documents. */
    String describe();
}
