package dev.gantry.gate;

import dev.gantry.plan.yaml.Variants;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in checks by their {@code type:} name: a new check is one record and one line here. */
public final class Checks implements Variants.Registry {

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> checks = new LinkedHashMap<>();
        return checks;
    }
}
