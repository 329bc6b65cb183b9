package dev.gantry.bench.flags;

import dev.gantry.flags.sdk.Evaluation;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.FlagEvaluator;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.variant.Variant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Refuses to measure two evaluators that decide differently: the comparison would mean nothing. */
final class Agreement {

    private Agreement() {}

    /** Throws when, for any flag and user, the two sides differ on enabled, variant name or payload. */
    static void check(FlagEvaluator gantry, Unleash unleash, FlagContext[] ours, UnleashContext[] theirs) {
        for (FlagCase flagCase : FlagCase.values()) {
            int enabled = 0;
            Set<String> variants = new HashSet<>();
            for (int i = 0; i < ours.length; i++) {
                Evaluation evaluation = gantry.evaluate(flagCase.flag, ours[i]);
                boolean unleashEnabled = unleash.isEnabled(flagCase.flag, theirs[i]);
                Variant variant = unleash.getVariant(flagCase.flag, theirs[i]);
                // The Java client reports "no payload" as a payload of type string without a value.
                Optional<String> theirPayload = variant.getPayload()
                        .filter(p -> p.getValue() != null)
                        .map(p -> p.getType() + ":" + p.getValue());
                Optional<String> ourPayload = evaluation.variant().payload().map(p -> p.type() + ":" + p.value());
                if (evaluation.enabled() != unleashEnabled
                        || gantry.isEnabled(flagCase.flag, ours[i]) != unleashEnabled
                        || !evaluation.variant().name().equals(variant.getName())
                        || !ourPayload.equals(theirPayload)) {
                    throw new IllegalStateException(String.format(
                            "%s for user %d: Gantry says %s, variant %s %s; Unleash says %s, variant %s %s",
                            flagCase.flag,
                            i,
                            evaluation.enabled(),
                            evaluation.variant().name(),
                            ourPayload.orElse("(no payload)"),
                            unleashEnabled,
                            variant.getName(),
                            theirPayload.orElse("(no payload)")));
                }
                if (unleashEnabled) {
                    enabled++;
                }
                variants.add(variant.getName());
            }
            // The rollout must take some users and leave others; every other case is measured on, all the way.
            boolean exercised =
                    flagCase == FlagCase.ROLLOUT ? enabled > 0 && enabled < ours.length : enabled == ours.length;
            if (!exercised) {
                throw new IllegalStateException("the users do not exercise " + flagCase.flag + ": it is on for "
                        + enabled + " of " + ours.length);
            }
            if (flagCase == FlagCase.VARIANTS && variants.size() < 3) {
                throw new IllegalStateException("the users do not exercise every variant: only " + variants);
            }
        }
    }
}
