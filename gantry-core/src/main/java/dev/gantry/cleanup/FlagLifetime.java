package dev.gantry.cleanup;

import dev.gantry.plan.FlagType;
import java.time.Duration;
import java.time.Instant;

/** Where a flag stands in its life: kept for good, or due for removal some time after its release's rollout. */
public sealed interface FlagLifetime {

    /** True when the flag is past the time it was to be removed at {@code now}. */
    default boolean overdue(Instant now) {
        return false;
    }

    /** Operational, permission and kill-switch flags stay, unless the plan gives them a lifetime. */
    record Kept(FlagType type) implements FlagLifetime {}

    /** The plan names no release for the flag: its lifetime has nothing to count from. */
    record NoRelease(Duration lifetime) implements FlagLifetime {}

    /** Its release has not been fully rolled out in the environment yet: the lifetime has not started. */
    record NotRolledOut(String version, Duration lifetime) implements FlagLifetime {}

    /** Its release reached 100% at {@code rolledOut}: the flag is to be removed by {@code removeBy}. */
    record Counting(String version, Instant rolledOut, Duration lifetime) implements FlagLifetime {
        public Instant removeBy() {
            return rolledOut.plus(lifetime);
        }

        @Override
        public boolean overdue(Instant now) {
            return now.isAfter(removeBy());
        }
    }
}
