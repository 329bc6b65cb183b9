package dev.gantry.flags.sdk;

import java.util.List;
import java.util.Set;

/** A flag compiled once per state, so an evaluation only reads arrays and fields. */
final class CompiledFlag {

    /** A parent this flag needs; {@code variants} empty means any variant. */
    record Requirement(String parent, boolean enabled, Set<String> variants) {}

    final String name;
    final boolean enabled;
    /** Why the flag cannot be evaluated, or {@code null} when it can. */
    final String invalid;

    final CompiledStrategy[] strategies;
    final VariantSet variants;
    final Requirement[] requirements;

    CompiledFlag(
            String name,
            boolean enabled,
            String invalid,
            List<CompiledStrategy> strategies,
            VariantSet variants,
            List<Requirement> requirements) {
        this.name = name;
        this.enabled = enabled;
        this.invalid = invalid;
        this.strategies = strategies.toArray(CompiledStrategy[]::new);
        this.variants = variants;
        this.requirements = requirements.toArray(Requirement[]::new);
    }
}
