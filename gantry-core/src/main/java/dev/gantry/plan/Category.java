package dev.gantry.plan;

/** The release criteria categories: the first three are must-have, the others should-have. */
public enum Category {
    FUNCTIONAL,
    PERFORMANCE,
    SECURITY,
    OPERATIONAL,
    DOCUMENTATION;

    public boolean mustHave() {
        return this == FUNCTIONAL || this == PERFORMANCE || this == SECURITY;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
