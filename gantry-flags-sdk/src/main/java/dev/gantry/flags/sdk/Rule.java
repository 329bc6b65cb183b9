package dev.gantry.flags.sdk;

/** A strategy's own rule, before its constraints. */
interface Rule {

    /**
     * @param groupFallback the group of a rollout that names none: the flag being evaluated (for a parent evaluated as a
     *     dependency, Unleash uses the child's name here)
     */
    boolean matches(FlagContext context, String groupFallback);
}
