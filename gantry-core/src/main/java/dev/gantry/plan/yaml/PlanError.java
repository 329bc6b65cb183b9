package dev.gantry.plan.yaml;

/** One problem in the plan file: where, which key, and what was expected. */
public record PlanError(Position position, String keyPath, String message) {
    @Override
    public String toString() {
        return position + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
