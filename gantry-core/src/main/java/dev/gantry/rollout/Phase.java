package dev.gantry.rollout;

/** The six phases of a run, as the release report names them. */
public enum Phase {
    GATE(1, "Pre-release gate"),
    STRATEGY(2, "Strategy select"),
    EXECUTE(3, "Execute"),
    SMOKE_TEST(4, "Smoke test"),
    WATCH(5, "Watch window"),
    FINISH(6, "Commit or rollback");

    private final int number;
    private final String title;

    Phase(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }
}
