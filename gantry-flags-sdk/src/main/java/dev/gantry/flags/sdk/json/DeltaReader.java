package dev.gantry.flags.sdk.json;

import dev.gantry.flags.sdk.state.DeltaEvent;
import dev.gantry.flags.sdk.state.FlagState;
import java.util.List;

/**
 * Reads the data of Unleash's streaming events ({@code unleash-connected}, {@code unleash-updated}): a
 * {@code ClientFeaturesDelta}, {@code {"events": [...]}}, whose events are typed {@code hydration},
 * {@code feature-updated}, {@code feature-removed}, {@code segment-updated} and {@code segment-removed}. Servers that
 * send a whole {@code /api/client/features} document on connect (Unleash Edge before deltas) are read as one
 * hydration.
 */
public final class DeltaReader {

    private DeltaReader() {}

    public static List<DeltaEvent> read(String json, JsonLimits limits) throws InvalidJson {
        JsonNode root = JsonParser.parse(json, limits);
        Fields f = Fields.of(root, List.of());
        if (!hasEvents(root)) {
            FlagState whole = StateReader.read(json, limits);
            return List.of(new DeltaEvent.Hydration(0, whole.features(), whole.segments()));
        }
        List<DeltaEvent> events = f.list("events", DeltaReader::event);
        if (events.isEmpty()) {
            throw f.invalid("events", "expected at least one event");
        }
        return events;
    }

    private static boolean hasEvents(JsonNode root) {
        return root instanceof JsonNode.JsonObject o && o.members().containsKey("events");
    }

    private static DeltaEvent event(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        String type = f.requiredString("type");
        long eventId = f.requiredInt("eventId");
        switch (type) {
            case "hydration":
                return new DeltaEvent.Hydration(
                        eventId, f.list("features", StateReader::feature), f.list("segments", StateReader::segment));
            case "feature-updated":
                return new DeltaEvent.FeatureUpdated(
                        eventId, StateReader.feature(f.required("feature", "an object"), f.pathOf("feature")));
            case "feature-removed":
                return new DeltaEvent.FeatureRemoved(
                        eventId, f.requiredString("featureName"), f.optionalString("project"));
            case "segment-updated":
                return new DeltaEvent.SegmentUpdated(
                        eventId, StateReader.segment(f.required("segment", "an object"), f.pathOf("segment")));
            case "segment-removed":
                return new DeltaEvent.SegmentRemoved(eventId, f.requiredInt("segmentId"));
            default:
                throw f.invalid(
                        "type",
                        "unknown delta event type \"" + type + "\", expected hydration, feature-updated,"
                                + " feature-removed, segment-updated or segment-removed");
        }
    }
}
