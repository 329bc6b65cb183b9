package dev.gantry.flags.sdk.state;

import java.util.List;

/** Contexts whose field {@code contextName} holds one of {@code values} get the variant, whatever their bucket. */
public record VariantOverride(String contextName, List<String> values) {
    public VariantOverride {
        values = List.copyOf(values);
    }
}
