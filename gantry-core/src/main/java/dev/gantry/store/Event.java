package dev.gantry.store;

import java.time.Instant;

/** An event as stored: its place in the log and what was appended. */
public record Event(
        long sequence, Instant at, String release, String environment, String kind, String actor, String payload) {}
