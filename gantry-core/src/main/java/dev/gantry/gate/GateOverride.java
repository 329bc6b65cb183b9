package dev.gantry.gate;

import java.time.Instant;

/** A person who holds an overriding role lets the release pass an unmet criterion, and says why. */
public record GateOverride(String criterion, String person, String role, String reason, Instant at) {}
