package dev.gantry.local;

import dev.gantry.analysis.MetricSources;
import dev.gantry.binding.Variants;
import dev.gantry.local.analysis.LocalSource;
import dev.gantry.local.rollout.LocalTarget;
import dev.gantry.rollout.Targets;
import java.util.Map;

/**
 * Names the local target and the local metric source {@code local} in the plan, once a program that has this module
 * calls {@link #register} at start-up.
 */
public final class LocalVariants implements Variants.Extension {

    /** Makes {@code type: local} known to the plan binder and the schema; calling it again does nothing. */
    public static void register() {
        Variants.Extension.register(new LocalVariants());
    }

    @Override
    public Map<String, Class<? extends Record>> variants(Class<? extends Variants.Registry> registry) {
        if (registry == Targets.class) return Map.of("local", LocalTarget.class);
        if (registry == MetricSources.class) return Map.of("local", LocalSource.class);
        return Map.of();
    }
}
