package dev.gantry.flags.sdk.state;

/** How Unleash's server computed a variant's weight; the client only reads the weight itself. */
public enum WeightType {
    VARIABLE,
    FIX
}
