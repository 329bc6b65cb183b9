package dev.gantry.plan;

/** How a validation is carried out. */
public enum Method {
    AUTOMATED,
    MANUAL,
    BOTH
}
