package dev.gantry.rollout;

/** How a run ended. */
public enum Verdict {
    RELEASED("Released"),
    RELEASED_WITH_OVERRIDE("Released-with-override"),
    ROLLED_BACK("Rolled-Back"),
    ABORTED("Aborted"),
    /**
     * The run decided to roll back and the rollback did not succeed: traffic did not go back, the target's rollback
     * failed, or the previous version failed its smoke test afterwards. Users may still be on the new version.
     */
    ROLLBACK_FAILED("Rollback-Failed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The release is live in the environment: an environment that requires this one may take it next. */
    public boolean released() {
        return this == RELEASED || this == RELEASED_WITH_OVERRIDE;
    }

    public String label() {
        return label;
    }
}
