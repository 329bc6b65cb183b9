package dev.gantry.plan;

import dev.gantry.binding.Variants;
import java.util.List;

/**
 * What deploys a release and shifts traffic in one environment, as the plan writes it under
 * {@code target: { type: ..., ... }}. The plan only holds it: the rollout's registry of targets names each record
 * and gives its behaviour, so the plan depends on no target.
 */
@Variants
public interface TargetSpec {

    /** What the target does, in one line for documents. */
    String describe();

    /**
     * The placeholders its scripts and settings replace, without braces, for {@code gantry plan check} to find the
     * others: those of every target call by default; a target that replaces more names them too.
     */
    default List<String> placeholders() {
        return List.of("version", "previousVersion", "weight", "colour", "step", "environment");
    }
}
