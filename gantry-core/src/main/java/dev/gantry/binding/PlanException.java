package dev.gantry.binding;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a plan file, sorted by line and then column; the message lists them one a line. */
public final class PlanException extends Exception {

    private static final Comparator<PlanError> ORDER = Comparator.comparingInt(
                    (PlanError e) -> e.position().line())
            .thenComparingInt(e -> e.position().column());

    private final List<PlanError> errors;

    public PlanException(List<PlanError> errors) {
        super(sorted(errors).stream().map(PlanError::toString).collect(Collectors.joining("\n")));
        this.errors = sorted(errors);
    }

    private static List<PlanError> sorted(List<PlanError> errors) {
        return errors.stream().sorted(ORDER).toList();
    }

    public List<PlanError> errors() {
        return errors;
    }
}
