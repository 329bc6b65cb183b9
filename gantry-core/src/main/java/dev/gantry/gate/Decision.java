package dev.gantry.gate;

/** The gate's answer. */
public enum Decision {
    GO("GO"),
    GO_WITH_OVERRIDE("GO-with-override"),
    NO_GO("NO-GO");

    private final String label;

    Decision(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
