package dev.gantry.server;

import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Segment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data of Unleash's streaming events, {@code ClientFeaturesDelta} ({@code {"events": [...]}}): the whole state as
 * one {@code hydration}, or what changed between two states as {@code segment-updated}, {@code feature-updated},
 * {@code feature-removed} and {@code segment-removed}, in an order whose application gives the later state.
 */
final class UnleashDeltas {

    private UnleashDeltas() {}

    static String hydration(FlagState state, long eventId) {
        StringBuilder out = new StringBuilder("{\"events\":[{\"type\":\"hydration\",\"eventId\":")
                .append(eventId)
                .append(",\"features\":[");
        join(out, state.features().stream().map(StateWriter::write).toList());
        out.append("],\"segments\":[");
        join(out, state.segments().stream().map(StateWriter::write).toList());
        return out.append("]}]}").toString();
    }

    /** The changes from {@code before} to {@code after}; empty when they are the same state. */
    static Optional<String> between(FlagState before, FlagState after, long eventId, String project) {
        List<String> events = new ArrayList<>();
        Map<Integer, Segment> oldSegments = new LinkedHashMap<>();
        before.segments().forEach(s -> oldSegments.put(s.id(), s));
        Map<Integer, Segment> newSegments = new LinkedHashMap<>();
        after.segments().forEach(s -> newSegments.put(s.id(), s));
        Map<String, Feature> oldFeatures = new LinkedHashMap<>();
        before.features().forEach(f -> oldFeatures.put(f.name(), f));
        Map<String, Feature> newFeatures = new LinkedHashMap<>();
        after.features().forEach(f -> newFeatures.put(f.name(), f));
        // Segments first, so that a feature is never applied before a segment it names.
        for (Segment segment : after.segments()) {
            if (!segment.equals(oldSegments.get(segment.id())))
                events.add("{\"type\":\"segment-updated\",\"eventId\":" + eventId + ",\"segment\":"
                        + StateWriter.write(segment) + "}");
        }
        for (Feature feature : after.features()) {
            if (!feature.equals(oldFeatures.get(feature.name())))
                events.add("{\"type\":\"feature-updated\",\"eventId\":" + eventId + ",\"feature\":"
                        + StateWriter.write(feature) + "}");
        }
        for (String name : oldFeatures.keySet()) {
            if (!newFeatures.containsKey(name))
                events.add("{\"type\":\"feature-removed\",\"eventId\":" + eventId + ",\"featureName\":"
                        + StateWriter.quote(name) + ",\"project\":" + StateWriter.quote(project) + "}");
        }
        for (Integer id : oldSegments.keySet()) {
            if (!newSegments.containsKey(id))
                events.add("{\"type\":\"segment-removed\",\"eventId\":" + eventId + ",\"segmentId\":" + id + "}");
        }
        if (events.isEmpty()) return Optional.empty();
        StringBuilder out = new StringBuilder("{\"events\":[");
        join(out, events);
        return Optional.of(out.append("]}").toString());
    }

    private static void join(StringBuilder out, List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) out.append(',');
            out.append(parts.get(i));
        }
    }
}
