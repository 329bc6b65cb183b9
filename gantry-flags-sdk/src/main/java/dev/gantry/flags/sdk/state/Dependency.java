package dev.gantry.flags.sdk.state;

import java.util.List;

/**
 * A parent flag this flag needs.
 *
 * @param enabled whether the parent must be on ({@code true}, the default) or off
 * @param variants when not empty, the parent's variant must be one of these
 */
public record Dependency(String feature, boolean enabled, List<String> variants) {
    public Dependency {
        variants = List.copyOf(variants);
    }
}
