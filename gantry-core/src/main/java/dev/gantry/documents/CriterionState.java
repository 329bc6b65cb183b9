package dev.gantry.documents;

import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CriterionOutcome;
import dev.gantry.gate.GateResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the last evaluation found for one criterion (or validation), by its DEP- id. */
public record CriterionState(String criterionId, CheckResult.Status status, String evidence, Instant at) {

    /** Every criterion of a gate, by id; an override is named in the evidence, the status stays what was found. */
    public static Map<String, CriterionState> of(GateResult gate) {
        Map<String, CriterionState> states = new LinkedHashMap<>();
        for (CriterionOutcome o : gate.outcomes()) {
            String evidence = o.result().evidence();
            if (o.override().isPresent() && o.result().status() != CheckResult.Status.MET) {
                evidence += " (overridden by " + o.override().get().person() + ": "
                        + o.override().get().reason() + ")";
            }
            states.put(o.id(), new CriterionState(o.id(), o.result().status(), evidence, gate.at()));
        }
        return states;
    }
}
