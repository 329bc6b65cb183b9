package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import java.time.Duration;

/** How a rolling release moves: the number of batches and the watch after each. */
@Doc("Rolling settings: instances replaced in batches, health checked between them")
public record Rolling(
        @Doc("How many batches the instances are replaced in; 3 by default") Integer batches,
        @Doc("How long each batch is watched; 5m by default") Duration watch) {

    public Rolling {
        batches = batches == null ? 3 : batches;
        // Each batch takes a whole percent of the instances at least: more than 100 would repeat weights.
        if (batches < 1 || batches > 100) {
            throw new InvalidValue("batches", "expected batches from 1 to 100, got " + batches);
        }
        watch = watch == null ? Duration.ofMinutes(5) : watch;
        DurationText.atMost("watch", watch, Rollout.MAX_WATCH, "a watch");
    }
}
