package dev.gantry.cleanup;

import dev.gantry.plan.Flag;
import java.time.Instant;
import java.util.List;

/**
 * The plan's flags as they stand in one environment at one time, each with the places in code that still read
 * it, and the flags code reads that the plan defines nowhere.
 */
public record FlagCleanup(String environment, Instant at, List<Entry> flags, List<Undefined> undefined) {

    public FlagCleanup {
        flags = List.copyOf(flags);
        undefined = List.copyOf(undefined);
    }

    /** A flag of the plan, where it stands and where code names it. */
    public record Entry(Flag flag, FlagLifetime lifetime, boolean stale, List<CodePlace> places) {
        public Entry {
            places = List.copyOf(places);
        }
    }

    /** A flag read in code through a flag client's call that the plan does not define. */
    public record Undefined(String name, List<CodePlace> places) {
        public Undefined {
            places = List.copyOf(places);
        }
    }

    /** The flags past their lifetime. */
    public List<Entry> stale() {
        return flags.stream().filter(Entry::stale).toList();
    }

    /** Nothing to clean up: no flag past its lifetime and none read without a definition. */
    public boolean clean() {
        return stale().isEmpty() && undefined.isEmpty();
    }
}
