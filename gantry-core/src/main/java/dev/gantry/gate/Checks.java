package dev.gantry.gate;

import dev.gantry.plan.yaml.Variants;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The built-in checks by their {@code type:} name: a new check is one record and one line here. */
public final class Checks implements Variants.Registry {

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> checks = new LinkedHashMap<>();
        checks.put("approvals", dev.gantry.gate.checks.ApprovalsCheck.class);
        checks.put("ci-status", dev.gantry.gate.checks.CiStatusCheck.class);
        checks.put("command", dev.gantry.gate.checks.CommandCheck.class);
        checks.put("file", dev.gantry.gate.checks.FileCheck.class);
        checks.put("git", dev.gantry.gate.checks.GitCheck.class);
        checks.put("http", dev.gantry.gate.checks.HttpCheck.class);
        checks.put("window", dev.gantry.gate.checks.WindowCheck.class);
        checks.put("junit", dev.gantry.gate.checks.JunitCheck.class);
        checks.put("sarif", dev.gantry.gate.checks.SarifCheck.class);
        checks.put("benchmark", dev.gantry.gate.checks.BenchmarkCheck.class);
        return checks;
    }

    /** The {@code type:} name of a check, as the plan file spells it. */
    public static Function<Check, String> typeName() {
        Map<Class<?>, String> names = new java.util.HashMap<>();
        new Checks().variants().forEach((name, type) -> names.put(type, name));
        return check -> names.getOrDefault(check.getClass(), check.getClass().getSimpleName());
    }
}
