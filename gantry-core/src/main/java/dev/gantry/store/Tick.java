package dev.gantry.store;

import java.time.Instant;

/** A manual checklist item marked done by a person. */
public record Tick(String version, String item, String person, String note, Instant at) {}
