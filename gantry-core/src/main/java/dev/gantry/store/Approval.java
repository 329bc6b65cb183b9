package dev.gantry.store;

import java.time.Instant;

/** A sign-off of one role for one exact commit of a release. */
public record Approval(String version, String commit, String role, String person, String comment, Instant at) {}
