package dev.gantry.version;

/** The release types of the release process: they decide approvers, timeline and strategy. */
public enum ReleaseType {
    HOTFIX,
    PATCH,
    MINOR,
    MAJOR;

    /** A hotfix is a patch cut from a hotfix branch (or declared one); other bumps keep their own type. */
    public static ReleaseType of(Bump bump, boolean hotfix) {
        return switch (bump) {
            case MAJOR -> MAJOR;
            case MINOR -> MINOR;
            case PATCH, NONE -> hotfix ? HOTFIX : PATCH;
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
