package dev.gantry.flags.sdk.state;

import java.util.List;
import java.util.Optional;

/**
 * Every flag of one environment and the segments their strategies share: the content of Unleash's
 * {@code GET /api/client/features} answer.
 *
 * @param environment the environment the answer was made for ({@code query.environment}), when it says
 */
public record FlagState(int version, List<Feature> features, List<Segment> segments, Optional<String> environment) {
    public FlagState {
        features = List.copyOf(features);
        segments = List.copyOf(segments);
    }
}
