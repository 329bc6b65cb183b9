package dev.gantry.server.auth;

import java.time.Instant;

/** A token's last use: when, give or take a minute, and from which client address. */
public record TokenUse(Instant at, String address) {}
