package dev.gantry.bench.flags;

/** The four flags of the benchmark's state document, as the results table names them. */
enum FlagCase {
    PLAIN("plain", "on/off flag"),
    ROLLOUT("rollout", "25% flexibleRollout on userId"),
    CONSTRAINTS("constraints", "5 constraints (IN, NOT_IN, STR_ENDS_WITH, NUM_GTE, SEMVER_GT)"),
    VARIANTS("variants", "3 weighted variants with payloads");

    /** The flag's name in the state document, and the prefix of its benchmark methods. */
    final String flag;

    final String title;

    FlagCase(String flag, String title) {
        this.flag = flag;
        this.title = title;
    }
}
