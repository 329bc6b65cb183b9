package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import java.time.Duration;
import java.util.List;

/** How releases move into an environment: the strategy and the settings of each. */
@Doc("How releases are rolled out")
public record Rollout(
        @Doc("all-at-once, rolling, blue-green or canary; the release type's recommendation when absent")
                Strategy strategy,
        Canary canary,
        Rolling rolling,
        BlueGreen blueGreen,
        @Doc("How long before the deploy the metrics are read for a baseline; 10m by default") Duration baseline,
        @Doc("Environments where a Released run tags the release commit with the version's tag, such as"
                        + " [production]")
                List<String> tagIn) {

    /**
     * The longest a run watches, waits or looks back: a week. A release watched longer is not being rolled out but
     * left running, and a run holds its lease and its environment for the whole of its watch.
     */
    public static final Duration MAX_WATCH = Duration.ofDays(7);

    public static final Rollout DEFAULTS = new Rollout(null, null, null, null, null, null);

    public Rollout {
        canary = canary == null ? new Canary(null, null, null, null) : canary;
        rolling = rolling == null ? new Rolling(null, null) : rolling;
        blueGreen = blueGreen == null ? new BlueGreen(null, null) : blueGreen;
        baseline = baseline == null ? Duration.ofMinutes(10) : baseline;
        DurationText.atMost("baseline", baseline, MAX_WATCH, "a baseline");
        tagIn = tagIn == null ? List.of() : List.copyOf(tagIn);
    }
}
