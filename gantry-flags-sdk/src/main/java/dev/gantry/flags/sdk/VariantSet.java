package dev.gantry.flags.sdk;

import dev.gantry.flags.sdk.state.Variant;
import dev.gantry.flags.sdk.state.VariantOverride;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The variants of a flag or of a strategy, ready to pick from: overrides first, then the bucket of the stickiness
 * value in 1..(sum of weights) with Unleash's variant seed, walking the cumulative weights. Stickiness is that of the
 * first variant (Unleash's rule); {@code default} is userId, then sessionId, then a random draw.
 */
final class VariantSet {

    private record Override(ContextField field, Set<String> values, VariantResult result) {}

    private final VariantResult[] results;
    private final int[] cumulative;
    private final int totalWeight;
    private final String groupId;
    private final ContextField stickiness;
    private final Override[] overrides;

    private VariantSet(List<Variant> variants, String stickinessName, String groupId, boolean withOverrides) {
        this.results = new VariantResult[variants.size()];
        this.cumulative = new int[variants.size()];
        List<Override> found = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            results[i] = new VariantResult(variant.name(), true, variant.payload());
            sum += variant.weight();
            cumulative[i] = sum;
            if (withOverrides) {
                for (VariantOverride override : variant.overrides()) {
                    found.add(new Override(
                            ContextField.named(override.contextName()), new HashSet<>(override.values()), results[i]));
                }
            }
        }
        this.totalWeight = sum;
        this.groupId = groupId;
        this.stickiness = stickinessName.equals("default") ? null : ContextField.property(stickinessName);
        this.overrides = found.toArray(Override[]::new);
    }

    /** A flag's own variants, grouped by the flag's name; {@code null} when it has none. */
    static VariantSet ofFeature(String flag, List<Variant> variants) {
        if (variants.isEmpty()) {
            return null;
        }
        return new VariantSet(variants, variants.get(0).stickiness().orElse("default"), flag, true);
    }

    /** A strategy's variants, sticky on the strategy's stickiness and grouped by its groupId; {@code null} when none. */
    static VariantSet ofStrategy(List<Variant> variants, String stickiness, String groupId) {
        return variants.isEmpty() ? null : new VariantSet(variants, stickiness, groupId, false);
    }

    /** The variant for this context, or {@code null} when the weights sum to 0. */
    VariantResult pick(FlagContext context, IntUnaryOperator random) {
        for (Override override : overrides) {
            String value = override.field().in(context);
            if (value != null && override.values().contains(value)) {
                return override.result();
            }
        }
        if (totalWeight == 0) {
            return null;
        }
        String seed = stickiness == null
                ? (context.userId() != null ? context.userId() : context.sessionId())
                : stickiness.in(context);
        int target = seed == null
                ? 1 + random.applyAsInt(totalWeight)
                : Buckets.normalized(groupId, seed, totalWeight, Buckets.VARIANT_SEED);
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= target) {
                return results[i];
            }
        }
        return null;
    }
}
