package dev.gantry.flags.sdk.json;

import dev.gantry.flags.sdk.state.Constraint;
import dev.gantry.flags.sdk.state.Dependency;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Operator;
import dev.gantry.flags.sdk.state.Payload;
import dev.gantry.flags.sdk.state.Segment;
import dev.gantry.flags.sdk.state.Strategy;
import dev.gantry.flags.sdk.state.Variant;
import dev.gantry.flags.sdk.state.VariantOverride;
import dev.gantry.flags.sdk.state.WeightType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a document in the shape of Unleash's {@code GET /api/client/features} answer ({@code version}, {@code features},
 * {@code segments}, {@code query}). Types are checked; members this reader does not use are ignored, because Unleash
 * adds fields over time and its clients ignore them too.
 */
public final class StateReader {

    private StateReader() {}

    public static FlagState read(String json) throws InvalidJson {
        return read(json, JsonLimits.DEFAULT);
    }

    public static FlagState read(String json, JsonLimits limits) throws InvalidJson {
        Fields root = Fields.of(JsonParser.parse(json, limits), List.of());
        int version = root.optionalInt("version").orElse(2);
        List<Feature> features = root.list("features", StateReader::feature);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            if (!names.add(features.get(i).name())) {
                throw root.invalid(
                        "features", "flag \"" + features.get(i).name() + "\" appears twice (features[" + i + "])");
            }
        }
        List<Segment> segments = root.list("segments", StateReader::segment);
        Set<Integer> ids = new HashSet<>();
        for (Segment segment : segments) {
            if (!ids.add(segment.id())) {
                throw root.invalid("segments", "segment id " + segment.id() + " appears twice");
            }
        }
        java.util.Optional<String> environment = java.util.Optional.empty();
        java.util.Optional<Fields> query = root.optionalObject("query");
        if (query.isPresent()) {
            environment = query.get().optionalString("environment");
        }
        return new FlagState(version, features, segments, environment);
    }

    /**
     * Reads the settings of one flag: a feature object as it appears in {@code features} ({@code enabled} may be left
     * out there, and is then false), or a whole document in the shape of {@link #read} that holds exactly that one
     * feature and the segments its strategies use. A bare feature has no segments of its own, so its strategies may
     * name none.
     *
     * @return a state holding the one feature and the document's segments
     */
    public static FlagState readFeature(String json) throws InvalidJson {
        JsonNode root = JsonParser.parse(json, JsonLimits.DEFAULT);
        Fields fields = Fields.of(root, List.of());
        if (fields.has("features")) {
            FlagState state = read(json);
            if (state.features().size() != 1) {
                throw fields.invalid(
                        "features",
                        "expected exactly one feature, got " + state.features().size());
            }
            checkSegments(root, List.of("features", 0), state);
            return state;
        }
        Feature bare = new Feature(
                fields.requiredString("name"),
                fields.optionalString("type"),
                fields.optionalBoolean("enabled", false),
                fields.list("strategies", StateReader::strategy),
                fields.list("variants", StateReader::variant),
                fields.list("dependencies", StateReader::dependency));
        FlagState state = new FlagState(2, List.of(bare), List.of(), java.util.Optional.empty());
        checkSegments(root, List.of(), state);
        return state;
    }

    /** Every segment a strategy names must be in the document: evaluation would otherwise turn the flag off. */
    private static void checkSegments(JsonNode root, List<Object> featurePath, FlagState state) throws InvalidJson {
        Set<Integer> known = new HashSet<>();
        state.segments().forEach(s -> known.add(s.id()));
        List<Strategy> strategies = state.features().get(0).strategies();
        for (int i = 0; i < strategies.size(); i++) {
            List<Integer> named = strategies.get(i).segments();
            for (int j = 0; j < named.size(); j++) {
                if (known.contains(named.get(j))) continue;
                List<Object> path = new java.util.ArrayList<>(featurePath);
                path.addAll(List.of("strategies", i, "segments", j));
                JsonNode node = at(root, path);
                throw new InvalidJson(
                        node.line(),
                        node.column(),
                        JsonParser.pathText(path),
                        "segment " + named.get(j) + " is not defined here; give the feature in a document"
                                + " {\"features\": [...], \"segments\": [...]} that defines it");
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            if (step instanceof String name && node instanceof JsonNode.JsonObject o)
                node = o.members().get(name);
            else if (step instanceof Integer index && node instanceof JsonNode.JsonArray a)
                node = a.items().get(index);
        }
        return node;
    }

    static Feature feature(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        return new Feature(
                f.requiredString("name"),
                f.optionalString("type"),
                f.requiredBoolean("enabled"),
                f.list("strategies", StateReader::strategy),
                f.list("variants", StateReader::variant),
                f.list("dependencies", StateReader::dependency));
    }

    private static Strategy strategy(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        return new Strategy(
                f.requiredString("name"),
                f.stringMap("parameters"),
                f.list("constraints", StateReader::constraint),
                f.list("segments", Fields::integer),
                f.list("variants", StateReader::variant));
    }

    static Constraint constraint(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        String operatorName = f.requiredString("operator");
        return new Constraint(
                f.requiredString("contextName"),
                Operator.named(operatorName),
                operatorName,
                f.list("values", Fields::text),
                f.optionalString("value"),
                f.optionalBoolean("caseInsensitive", false),
                f.optionalBoolean("inverted", false));
    }

    static Segment segment(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        return new Segment(
                f.requiredInt("id"),
                f.optionalString("name").orElse(""),
                f.list("constraints", StateReader::constraint));
    }

    private static Variant variant(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        int weight = f.requiredInt("weight");
        if (weight < 0) {
            throw f.invalid("weight", "expected a weight of 0 or more, got " + weight);
        }
        String weightType = f.optionalString("weightType").orElse("variable");
        WeightType type;
        switch (weightType.toLowerCase(Locale.ROOT)) {
            case "variable" -> type = WeightType.VARIABLE;
            case "fix" -> type = WeightType.FIX;
            default -> throw f.invalid("weightType", "expected \"variable\" or \"fix\", got \"" + weightType + "\"");
        }
        Payload payload = null;
        var payloadFields = f.optionalObject("payload");
        if (payloadFields.isPresent()) {
            payload = new Payload(
                    payloadFields.get().requiredString("type"),
                    payloadFields.get().requiredString("value"));
        }
        return new Variant(
                f.requiredString("name"),
                weight,
                type,
                f.optionalString("stickiness"),
                java.util.Optional.ofNullable(payload),
                f.list("overrides", StateReader::override));
    }

    private static VariantOverride override(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        return new VariantOverride(f.requiredString("contextName"), f.list("values", Fields::text));
    }

    private static Dependency dependency(JsonNode node, List<Object> path) throws InvalidJson {
        Fields f = Fields.of(node, path);
        return new Dependency(
                f.requiredString("feature"), f.optionalBoolean("enabled", true), f.list("variants", Fields::text));
    }
}
