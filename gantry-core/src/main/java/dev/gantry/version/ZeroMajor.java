package dev.gantry.version;

/** How versions below 1.0.0 move. */
public enum ZeroMajor {
    /** The usual rules: a breaking change moves 0.x to 1.0.0 (semantic-release's behaviour). */
    SEMVER,
    /** Stay in 0.x: a breaking change bumps the minor, a feature the patch (Cargo's reading of 0.x). */
    SHIFT;

    Bump apply(Version current, Bump bump) {
        if (this == SEMVER || current.major() != 0) return bump;
        return switch (bump) {
            case MAJOR -> Bump.MINOR;
            case MINOR -> Bump.PATCH;
            default -> bump;
        };
    }
}
