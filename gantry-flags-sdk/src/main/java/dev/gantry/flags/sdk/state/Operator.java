package dev.gantry.flags.sdk.state;

/** Unleash's constraint operators, by the names the client API uses. */
public enum Operator {
    IN,
    NOT_IN,
    STR_CONTAINS,
    STR_STARTS_WITH,
    STR_ENDS_WITH,
    NUM_EQ,
    NUM_GT,
    NUM_GTE,
    NUM_LT,
    NUM_LTE,
    DATE_AFTER,
    DATE_BEFORE,
    SEMVER_EQ,
    SEMVER_GT,
    SEMVER_LT,
    IN_CIDR,
    REGEX,
    /** A name this version does not know; the document still loads, and the flag's evaluation says why it is off. */
    UNKNOWN;

    public static Operator named(String name) {
        for (Operator operator : values()) {
            if (operator != UNKNOWN && operator.name().equals(name)) {
                return operator;
            }
        }
        return UNKNOWN;
    }
}
