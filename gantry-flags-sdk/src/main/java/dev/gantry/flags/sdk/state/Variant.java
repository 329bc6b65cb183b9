package dev.gantry.flags.sdk.state;

import java.util.List;
import java.util.Optional;

/**
 * A variant of a flag or of a strategy. Its share is {@code weight} over the sum of its siblings' weights.
 *
 * @param stickiness the context field that keeps a user on one variant; {@code default} is userId, then sessionId
 * @param overrides context values that always get this variant (feature variants only)
 */
public record Variant(
        String name,
        int weight,
        WeightType weightType,
        Optional<String> stickiness,
        Optional<Payload> payload,
        List<VariantOverride> overrides) {
    public Variant {
        if (weight < 0) {
            throw new IllegalArgumentException("negative weight " + weight);
        }
        overrides = List.copyOf(overrides);
    }
}
