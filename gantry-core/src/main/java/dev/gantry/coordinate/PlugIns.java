package dev.gantry.coordinate;

import dev.gantry.analysis.MetricSources;
import dev.gantry.binding.Registries;
import dev.gantry.gate.Checks;
import dev.gantry.notify.Notifiers;
import dev.gantry.rollout.Targets;

/** The plug-ins of gantry-core, as the registries a plan is read with. */
public final class PlugIns {

    private PlugIns() {}

    /**
     * The registries of checks, targets, metric sources and notifiers, each with what the extensions registered so
     * far add: what {@code PlanFile.load} and the schema are given.
     */
    public static Registries registries() {
        return new Registries(new Checks(), new Targets(), new MetricSources(), new Notifiers());
    }
}
