package dev.gantry.local;

import java.util.Locale;

/** The two versions a local rollout runs side by side: the one users have now, and the new one. */
public enum Track {
    STABLE,
    CANARY;

    /** The name in labels, JSON and arguments: {@code stable} or {@code canary}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
