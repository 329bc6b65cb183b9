package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import java.time.Duration;
import java.util.List;

/** How a canary moves: the weights it goes through, how long each is watched, how often it is sampled. */
@Doc("Canary settings: weights step by step, each watched before the next")
public record Canary(
        @Doc("The weights of the new version, increasing and ending at 100%, such as [5%, 25%, 50%, 100%];"
                        + " from the release type when absent")
                List<Weight> steps,
        @Doc("How long each step is watched; 10m by default") Duration watch,
        @Doc("How often metrics are sampled; 1m by default") Duration cadence,
        @Doc("Weights at which the run pauses for 'gantry decide' after its watch") List<Weight> pauseAt) {

    public Canary {
        steps = steps == null ? List.of() : List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).compareTo(steps.get(i - 1)) <= 0) {
                throw new InvalidValue(
                        "steps", "canary weights must increase, but " + steps.get(i) + " follows " + steps.get(i - 1));
            }
        }
        if (!steps.isEmpty() && steps.get(steps.size() - 1).percent() != 100) {
            throw new InvalidValue(
                    "steps", "canary weights must end at 100%, the last is " + steps.get(steps.size() - 1));
        }
        watch = watch == null ? Duration.ofMinutes(10) : watch;
        DurationText.atMost("watch", watch, Rollout.MAX_WATCH, "a watch");
        cadence = cadence == null ? Duration.ofMinutes(1) : cadence;
        if (cadence.isZero() || cadence.compareTo(watch) > 0) {
            throw new InvalidValue(
                    "cadence",
                    "the cadence must be above zero and at most the watch (" + watch.toMinutes() + "m), got "
                            + cadence.toSeconds() + "s");
        }
        pauseAt = pauseAt == null ? List.of() : List.copyOf(pauseAt);
        for (Weight pause : pauseAt) {
            if (!steps.isEmpty() && !steps.contains(pause)) {
                throw new InvalidValue("pauseAt", "pauseAt " + pause + " is not one of the steps " + steps);
            }
        }
    }
}
