package dev.gantry.flags;

import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.Segment;
import dev.gantry.plan.Flag;
import java.util.List;
import java.util.Optional;

/**
 * A flag's state in one environment as Gantry keeps it: the plan's declaration, then every change since.
 *
 * @param feature the flag in Unleash's shape: on or off, strategies, variants, dependencies
 * @param segments the segments its strategies name
 * @param last the last change; empty when the flag is as the plan declares it
 */
public record KeptFlag(Flag declared, Feature feature, List<Segment> segments, Optional<FlagEvent> last) {
    public KeptFlag {
        segments = List.copyOf(segments);
    }

    public String name() {
        return declared.name();
    }

    public boolean on() {
        return feature.enabled();
    }
}
