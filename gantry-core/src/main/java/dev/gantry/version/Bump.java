package dev.gantry.version;

/** How much a change moves the version; ordered from least to most. */
public enum Bump {
    NONE,
    PATCH,
    MINOR,
    MAJOR;

    public Bump max(Bump other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
