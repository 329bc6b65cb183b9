package dev.gantry.flags.sdk.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One change of Unleash's streaming protocol ({@code ClientFeaturesDelta.events[]}): a full hydration, or one flag or
 * segment updated or removed. Applying events in order to the state before them gives the server's state after them.
 */
public sealed interface DeltaEvent {

    /** The server's revision after this event. */
    long eventId();

    /** The state after this event. */
    FlagState apply(FlagState before);

    /** {@code hydration}: the whole state, replacing what was there. */
    record Hydration(long eventId, List<Feature> features, List<Segment> segments) implements DeltaEvent {
        public Hydration {
            features = List.copyOf(features);
            segments = List.copyOf(segments);
        }

        @Override
        public FlagState apply(FlagState before) {
            return new FlagState(before.version(), features, segments, before.environment());
        }
    }

    /** {@code feature-updated}: the flag is added, or replaces the flag of the same name in place. */
    record FeatureUpdated(long eventId, Feature feature) implements DeltaEvent {
        @Override
        public FlagState apply(FlagState before) {
            List<Feature> features = new ArrayList<>(before.features());
            int at = indexOf(features, feature.name());
            if (at < 0) {
                features.add(feature);
            } else {
                features.set(at, feature);
            }
            return new FlagState(before.version(), features, before.segments(), before.environment());
        }
    }

    /** {@code feature-removed}: the flag is archived or moved out of the client's projects. */
    record FeatureRemoved(long eventId, String featureName, Optional<String> project) implements DeltaEvent {
        @Override
        public FlagState apply(FlagState before) {
            List<Feature> features = new ArrayList<>(before.features());
            int at = indexOf(features, featureName);
            if (at >= 0) {
                features.remove(at);
            }
            return new FlagState(before.version(), features, before.segments(), before.environment());
        }
    }

    record SegmentUpdated(long eventId, Segment segment) implements DeltaEvent {
        @Override
        public FlagState apply(FlagState before) {
            List<Segment> segments = new ArrayList<>(before.segments());
            segments.removeIf(s -> s.id() == segment.id());
            segments.add(segment);
            return new FlagState(before.version(), before.features(), segments, before.environment());
        }
    }

    record SegmentRemoved(long eventId, int segmentId) implements DeltaEvent {
        @Override
        public FlagState apply(FlagState before) {
            List<Segment> segments = new ArrayList<>(before.segments());
            segments.removeIf(s -> s.id() == segmentId);
            return new FlagState(before.version(), before.features(), segments, before.environment());
        }
    }

    private static int indexOf(List<Feature> features, String name) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
