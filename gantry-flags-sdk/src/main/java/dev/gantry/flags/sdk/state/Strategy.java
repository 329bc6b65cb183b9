package dev.gantry.flags.sdk.state;

import java.util.List;
import java.util.Map;

/**
 * An activation strategy: its name picks the rule ({@code flexibleRollout}, {@code userWithId}, ...), its parameters
 * configure it, and its constraints and segments must all hold as well.
 *
 * @param segments ids of {@link Segment}s whose constraints are added to this strategy's
 * @param variants strategy variants: when this strategy turns the flag on, they replace the flag's own variants
 */
public record Strategy(
        String name,
        Map<String, String> parameters,
        List<Constraint> constraints,
        List<Integer> segments,
        List<Variant> variants) {
    public Strategy {
        parameters = Map.copyOf(parameters);
        constraints = List.copyOf(constraints);
        segments = List.copyOf(segments);
        variants = List.copyOf(variants);
    }
}
