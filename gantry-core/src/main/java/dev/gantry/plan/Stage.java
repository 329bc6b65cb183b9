package dev.gantry.plan;

/** When a DEP- entry applies. */
public enum Stage {
    PRE_DEPLOY("Pre-deploy"),
    DEPLOY("Deploy"),
    POST_DEPLOY("Post-deploy"),
    ROLLBACK("Rollback");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
