package dev.gantry.store;

import java.util.Optional;
import java.util.Set;

/**
 * The last link of each run's chain of events, kept apart from the events: a database that was truncated, rewound
 * to an older state or had its last events deleted still chains, and only a record outside it shows what it lost.
 * It is written after the event it names is durable, so it may lag one event behind after a crash, never run ahead.
 */
public interface Anchors {

    /**
     * The last chained event of a run as it was stored.
     *
     * @param sequence the event's place in the store
     * @param hash the event's hash in its run's chain
     */
    record Anchor(long sequence, String hash) {
        public Anchor {
            if (sequence <= 0) throw new IllegalArgumentException("an anchored event has a place in the store");
            if (hash.isBlank()) throw new IllegalArgumentException("an anchored event has a hash");
        }
    }

    /** The anchor of the run {@code runId} in {@code environment}, if one was set. */
    Optional<Anchor> of(String environment, String runId) throws StoreException;

    /** Moves the anchor of the run to {@code anchor}; returns once it is written whole. */
    void set(String environment, String runId, Anchor anchor) throws StoreException;

    /** The runs of {@code environment} that have an anchor. */
    Set<String> runs(String environment) throws StoreException;
}
