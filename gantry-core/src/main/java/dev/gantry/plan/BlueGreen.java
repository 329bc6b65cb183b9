package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import java.time.Duration;

/** How a blue-green release moves: how long it is watched after the switch, how long the old colour stays warm. */
@Doc("Blue-green settings: deploy the idle colour, smoke it, switch, keep the old colour warm")
public record BlueGreen(
        @Doc("How long the new colour is watched after the switch; 30m by default") Duration watch,
        @Doc("How long the old colour stays warm so a rollback is a switch back; 1h by default") Duration keepOld) {

    public BlueGreen {
        watch = watch == null ? Duration.ofMinutes(30) : watch;
        keepOld = keepOld == null ? Duration.ofHours(1) : keepOld;
        DurationText.atMost("watch", watch, Rollout.MAX_WATCH, "a watch");
        DurationText.atMost("keepOld", keepOld, Rollout.MAX_WATCH, "a time to keep the old colour");
    }
}
