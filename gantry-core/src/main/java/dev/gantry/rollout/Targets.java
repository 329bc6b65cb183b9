package dev.gantry.rollout;

import dev.gantry.binding.Variants;
import dev.gantry.plan.TargetSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The targets by their {@code type:} name: a new target is one record and one line here, or, for a module
 * gantry-core cannot depend on (such as the local target), one line in that module's {@link Variants.Extension}.
 */
public final class Targets implements Variants.Registry {

    @Override
    public Class<TargetSpec> spec() {
        return TargetSpec.class;
    }

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> targets = new LinkedHashMap<>();
        targets.put("command", CommandTarget.class);
        return Variants.Extension.added(Targets.class, targets);
    }

    /**
     * The target a plan's spec describes; null for an environment without one. The plan holds the spec only, so
     * that it depends on no target; the records named here are both, and this is the one place that turns the one
     * into the other.
     *
     * @throws IllegalStateException when {@code spec} is not a {@link Target}: a build mistake
     */
    public static Target target(TargetSpec spec) {
        if (spec == null || spec instanceof Target) return (Target) spec;
        throw new IllegalStateException(spec.getClass().getName() + " is a target spec but not a Target");
    }
}
