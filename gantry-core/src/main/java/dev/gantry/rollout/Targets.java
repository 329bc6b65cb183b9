package dev.gantry.rollout;

import dev.gantry.binding.Variants;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The targets by their {@code type:} name: a new target is one record and one line here, or, for a module
 * gantry-core cannot depend on (such as the local target), one line in that module's {@link Variants.Extension}.
 */
public final class Targets implements Variants.Registry {

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> targets = new LinkedHashMap<>();
        targets.put("command", CommandTarget.class);
        return Variants.Extension.added(Targets.class, targets);
    }
}
