package dev.gantry.gate;

import dev.gantry.gate.CheckResult.Status;
import dev.gantry.store.Evidence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One criterion as the gate found it.
 *
 * @param checkType the check's type name, or "manual" for a criterion ticked on the checklist
 * @param verification what was checked: the check's description or the manual verification text
 * @param uploads the files uploaded for the commit that the check read, by path: what decided it
 */
public record CriterionOutcome(
        String id,
        String title,
        boolean blocker,
        String checkType,
        String verification,
        CheckResult result,
        Duration duration,
        Optional<GateOverride> override,
        List<Evidence.Upload> uploads) {

    public CriterionOutcome {
        uploads = List.copyOf(uploads);
    }

    /** A blocker that is neither met nor overridden stops the release. */
    public boolean stops() {
        return blocker && result.status() != Status.MET && override.isEmpty();
    }

    public String state() {
        if (override.isPresent() && result.status() != Status.MET)
            return result.status().label() + " (overridden)";
        return result.status().label();
    }
}
