package dev.gantry.rollout;

/** How a run ended. */
public enum Verdict {
    RELEASED("Released"),
    RELEASED_WITH_OVERRIDE("Released-with-override"),
    ROLLED_BACK("Rolled-Back"),
    ABORTED("Aborted");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
