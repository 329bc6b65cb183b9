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
