package dev.gantry.flags.sdk;

import dev.gantry.flags.sdk.state.Payload;
import java.util.Optional;

/** The variant an evaluation gives; {@link #DISABLED} when the flag is off or has no variant to give. */
public record VariantResult(String name, boolean enabled, Optional<Payload> payload) {

    public static final VariantResult DISABLED = new VariantResult("disabled", false, Optional.empty());
}
