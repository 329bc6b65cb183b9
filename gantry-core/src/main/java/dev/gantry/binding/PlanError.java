package dev.gantry.binding;

import java.util.Objects;

/**
 * One problem in the plan file: where, which key, and what was expected.
 *
 * @param keyPath such as {@code versioning.releaseRules[1].release}; empty for the file as a whole
 */
public record PlanError(Position position, String keyPath, String message) {

    public PlanError {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
        keyPath = keyPath == null ? "" : keyPath;
    }

    @Override
    public String toString() {
        return position + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
