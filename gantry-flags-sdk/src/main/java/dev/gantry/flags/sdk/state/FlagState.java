package dev.gantry.flags.sdk.state;

import java.util.List;

/**
 * Every flag of one environment and the segments their strategies share: the content of Unleash's
 * {@code GET /api/client/features} answer.
 */
public record FlagState(int version, List<Feature> features, List<Segment> segments) {
    public FlagState {
        features = List.copyOf(features);
        segments = List.copyOf(segments);
    }
}
