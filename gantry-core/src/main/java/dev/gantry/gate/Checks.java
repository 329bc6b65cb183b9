package dev.gantry.gate;

import dev.gantry.binding.Variants;
import dev.gantry.gate.checks.ApprovalsCheck;
import dev.gantry.gate.checks.BenchmarkCheck;
import dev.gantry.gate.checks.CiStatusCheck;
import dev.gantry.gate.checks.CommandCheck;
import dev.gantry.gate.checks.FileCheck;
import dev.gantry.gate.checks.GitCheck;
import dev.gantry.gate.checks.HttpCheck;
import dev.gantry.gate.checks.JunitCheck;
import dev.gantry.gate.checks.SarifCheck;
import dev.gantry.gate.checks.WindowCheck;
import dev.gantry.plan.CheckSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The built-in checks by their {@code type:} name: a new check is one record and one line here. */
public final class Checks implements Variants.Registry {

    @Override
    public Class<CheckSpec> spec() {
        return CheckSpec.class;
    }

    @Override
    public Map<String, Class<? extends Record>> variants() {
        Map<String, Class<? extends Record>> checks = new LinkedHashMap<>();
        checks.put("junit", JunitCheck.class);
        checks.put("sarif", SarifCheck.class);
        checks.put("benchmark", BenchmarkCheck.class);
        checks.put("command", CommandCheck.class);
        checks.put("http", HttpCheck.class);
        checks.put("file", FileCheck.class);
        checks.put("git", GitCheck.class);
        checks.put("ci-status", CiStatusCheck.class);
        checks.put("approvals", ApprovalsCheck.class);
        checks.put("window", WindowCheck.class);
        return checks;
    }

    /**
     * The check a plan's spec describes. The plan holds the spec only, so that it depends on no check; the records
     * named here are both, and this is the one place that turns the one into the other.
     *
     * @throws IllegalStateException when {@code spec} is not a {@link Check}: a build mistake
     */
    public static Check check(CheckSpec spec) {
        if (spec instanceof Check check) return check;
        throw new IllegalStateException(spec.getClass().getName() + " is a check spec but not a Check");
    }

    /** The {@code type:} name of a check, as the plan file spells it. */
    public static Function<CheckSpec, String> typeName() {
        Map<Class<?>, String> names = new HashMap<>();
        new Checks().variants().forEach((name, type) -> names.put(type, name));
        return check -> names.getOrDefault(check.getClass(), check.getClass().getSimpleName());
    }
}
