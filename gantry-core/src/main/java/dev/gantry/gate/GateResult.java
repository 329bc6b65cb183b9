package dev.gantry.gate;

import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.time.Instant;
import java.util.List;

/** A gate of one release for one environment: every criterion that applies, and the decision they make. */
public record GateResult(
        String environment,
        Version version,
        ReleaseType releaseType,
        String commit,
        Instant at,
        List<CriterionOutcome> outcomes,
        List<GateOverride> overrides) {

    public GateResult {
        outcomes = List.copyOf(outcomes);
        overrides = List.copyOf(overrides);
    }

    public Decision decision() {
        if (outcomes.stream().anyMatch(CriterionOutcome::stops)) return Decision.NO_GO;
        boolean overridden = outcomes.stream()
                .anyMatch(o -> o.override().isPresent() && o.result().status() != CheckResult.Status.MET);
        return overridden ? Decision.GO_WITH_OVERRIDE : Decision.GO;
    }

    public long count(CheckResult.Status status) {
        return outcomes.stream().filter(o -> o.result().status() == status).count();
    }
}
