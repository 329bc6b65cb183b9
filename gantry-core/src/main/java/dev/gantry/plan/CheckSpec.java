package dev.gantry.plan;

import dev.gantry.binding.Variants;

/**
 * How a machine checks a criterion or a validation, as the plan writes it under {@code check: { type: ..., ... }}.
 * The plan only holds it: the gate's registry of checks names each record and gives its behaviour, so the plan
 * depends on no check.
 */
@Variants
public interface CheckSpec {

    /** What is checked, in one line for documents: "JUnit reports build/test-results/**.xml pass ≥ 95%". */
    String describe();
}
