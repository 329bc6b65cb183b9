package dev.gantry.plan;

import java.time.Duration;
import java.util.Optional;

/** Feature flag types and how long each may live before it is cleaned up. */
public enum FlagType {
    RELEASE(Duration.ofDays(14)),
    OPERATIONAL(null),
    PERMISSION(null),
    EXPERIMENT(Duration.ofDays(28));

    private final Duration lifetime;

    FlagType(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** How long after the release the flag is to be removed; empty for flags kept for good. */
    public Optional<Duration> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
