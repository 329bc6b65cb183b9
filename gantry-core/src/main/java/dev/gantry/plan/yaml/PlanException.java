package dev.gantry.plan.yaml;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a plan file, sorted by position. */
public final class PlanException extends Exception {

    private final List<PlanError> errors;

    public PlanException(List<PlanError> errors) {
        super(errors.stream().sorted(ORDER).map(PlanError::toString).collect(Collectors.joining("\n")));
        this.errors = errors.stream().sorted(ORDER).toList();
    }

    private static final Comparator<PlanError> ORDER = Comparator.comparingInt(
                    (PlanError e) -> e.position().line())
            .thenComparingInt(e -> e.position().column());

    public List<PlanError> errors() {
        return errors;
    }
}
