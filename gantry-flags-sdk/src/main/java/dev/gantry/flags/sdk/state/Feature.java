package dev.gantry.flags.sdk.state;

import java.util.List;
import java.util.Optional;

/**
 * One flag. With no strategies an enabled flag is on for everyone; otherwise the first strategy that matches turns it
 * on.
 *
 * @param type Unleash's flag type (release, experiment, ...), when the document gives one
 */
public record Feature(
        String name,
        Optional<String> type,
        boolean enabled,
        List<Strategy> strategies,
        List<Variant> variants,
        List<Dependency> dependencies) {
    public Feature {
        strategies = List.copyOf(strategies);
        variants = List.copyOf(variants);
        dependencies = List.copyOf(dependencies);
    }
}
