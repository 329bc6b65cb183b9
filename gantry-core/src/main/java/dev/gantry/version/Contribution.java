package dev.gantry.version;

import dev.gantry.commits.Commit;

/** What one commit contributed to the next version, and why. */
public record Contribution(Commit commit, Bump bump, boolean reverted, String reason) {

    public enum Kind {
        BREAKING,
        FEAT,
        FIX,
        NONE,
        REVERTED
    }

    public Kind kind() {
        if (reverted) return Kind.REVERTED;
        return switch (bump) {
            case MAJOR -> Kind.BREAKING;
            case MINOR -> Kind.FEAT;
            case PATCH -> Kind.FIX;
            case NONE -> Kind.NONE;
        };
    }
}
