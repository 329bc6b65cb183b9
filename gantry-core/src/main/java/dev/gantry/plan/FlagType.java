package dev.gantry.plan;

import java.time.Duration;
import java.util.Optional;

/** Feature flag types and how long each may live before it is cleaned up. */
public enum FlagType {
    RELEASE(Duration.ofDays(14)),
    OPERATIONAL(null),
    PERMISSION(null),
    EXPERIMENT(Duration.ofDays(28)),
    /** Turns a feature off in an emergency: kept, like an operational flag. */
    KILL_SWITCH(null);

    private final Duration lifetime;

    FlagType(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** How long after the release the flag is to be removed; empty for flags kept for good. */
    public Optional<Duration> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    /** As the plan writes it: {@code kill-switch}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String label() {
        String words = name().replace('_', '-').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
