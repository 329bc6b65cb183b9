package dev.gantry.flags;

import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.Segment;
import java.util.List;

/** One change of a flag's state in an environment. */
public sealed interface FlagChange {

    /** The flag turned on or off; its strategies, variants and dependencies stay as they were. */
    record Switched(boolean on) implements FlagChange {}

    /**
     * The flag's strategies, variants and dependencies replaced, in Unleash's shape; on or off stays as it was.
     *
     * @param settings the feature whose strategies, variants and dependencies the flag now has
     * @param segments the segments those strategies name
     */
    record Configured(Feature settings, List<Segment> segments) implements FlagChange {
        public Configured {
            segments = List.copyOf(segments);
        }
    }
}
