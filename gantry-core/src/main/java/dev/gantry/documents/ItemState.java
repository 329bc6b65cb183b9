package dev.gantry.documents;

import dev.gantry.gate.CheckResult;
import dev.gantry.store.Tick;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a checklist item stands: read from the last gate for machine items, from ticks for the others. */
public sealed interface ItemState permits ItemState.Checked, ItemState.Ticked, ItemState.DoneByGantry, ItemState.Open {

    /** Whether the item is done: every check met, or ticked by a person. */
    boolean done();

    /** A machine item: what the last evaluation found for each entry that checks it. */
    record Checked(List<Reading> readings) implements ItemState {
        public Checked {
            readings = List.copyOf(readings);
        }

        @Override
        public boolean done() {
            return readings.stream().allMatch(r -> r.state()
                    .map(s -> s.status() == CheckResult.Status.MET)
                    .orElse(false));
        }
    }

    /** One entry's result; empty when it was not evaluated yet, which is never done. */
    record Reading(String entryId, Optional<CriterionState> state) {}

    /** A manual item a person ticked: the latest tick for its key. */
    record Ticked(Tick tick) implements ItemState {
        @Override
        public boolean done() {
            return true;
        }
    }

    /**
     * An item Gantry did itself, as its run or command recorded it.
     *
     * @param what what was done, in words: "released in staging"
     * @param by the run that did it, or the command
     */
    record DoneByGantry(String what, String by, Instant at) implements ItemState {
        @Override
        public boolean done() {
            return true;
        }
    }

    /** A manual item nobody ticked yet. */
    record Open() implements ItemState {
        @Override
        public boolean done() {
            return false;
        }
    }
}
