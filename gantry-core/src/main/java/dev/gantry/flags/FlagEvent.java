package dev.gantry.flags;

import java.time.Instant;
import java.util.Optional;

/**
 * A change of a flag as stored: when, by whom and why.
 *
 * @param sequence its place in the store's log
 * @param run the run that made it, when a rollback turned the flag off
 */
public record FlagEvent(
        long sequence,
        Instant at,
        String environment,
        String flag,
        String actor,
        String reason,
        FlagChange change,
        Optional<String> run) {}
