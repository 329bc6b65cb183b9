package dev.gantry.flags.sdk;

/** A compiled constraint, inversion included. Pure: reads the context and what was fixed at load time. */
interface Condition {

    boolean holds(FlagContext context);
}
