package dev.gantry.flags.sdk.json;

import dev.gantry.flags.sdk.state.Constraint;
import dev.gantry.flags.sdk.state.Dependency;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Segment;
import dev.gantry.flags.sdk.state.Strategy;
import dev.gantry.flags.sdk.state.Variant;
import dev.gantry.flags.sdk.state.VariantOverride;
import dev.gantry.flags.sdk.state.WeightType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a state as Unleash's {@code GET /api/client/features} answer, in the shape {@link StateReader} reads: what
 * one writes, the other reads back to an equal state. Parameters are written in key order so that the same state
 * is always the same text.
 */
public final class StateWriter {

    private StateWriter() {}

    public static String write(FlagState state) {
        StringBuilder out = new StringBuilder();
        out.append("{\"version\":").append(state.version()).append(",\"features\":[");
        join(out, state.features(), StateWriter::feature);
        out.append("],\"segments\":[");
        join(out, state.segments(), StateWriter::segment);
        out.append(']');
        state.environment().ifPresent(env -> {
            out.append(",\"query\":{\"environment\":");
            string(out, env);
            out.append('}');
        });
        return out.append('}').toString();
    }

    /** One feature object, as it appears in {@code features}. */
    public static String write(Feature feature) {
        StringBuilder out = new StringBuilder();
        feature(out, feature);
        return out.toString();
    }

    /** One segment object, as it appears in {@code segments}. */
    public static String write(Segment segment) {
        StringBuilder out = new StringBuilder();
        segment(out, segment);
        return out.toString();
    }

    /** A JSON string holding {@code text}, quotes included. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder();
        string(out, text);
        return out.toString();
    }

    private interface Part<T> {
        void write(StringBuilder out, T value);
    }

    private static <T> void join(StringBuilder out, List<T> values, Part<T> part) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) out.append(',');
            part.write(out, values.get(i));
        }
    }

    private static void feature(StringBuilder out, Feature feature) {
        out.append("{\"name\":");
        string(out, feature.name());
        feature.type().ifPresent(type -> {
            out.append(",\"type\":");
            string(out, type);
        });
        out.append(",\"enabled\":").append(feature.enabled()).append(",\"strategies\":[");
        join(out, feature.strategies(), StateWriter::strategy);
        out.append("],\"variants\":[");
        join(out, feature.variants(), StateWriter::variant);
        out.append("],\"dependencies\":[");
        join(out, feature.dependencies(), StateWriter::dependency);
        out.append("]}");
    }

    private static void strategy(StringBuilder out, Strategy strategy) {
        out.append("{\"name\":");
        string(out, strategy.name());
        out.append(",\"parameters\":{");
        boolean first = true;
        for (Map.Entry<String, String> parameter : new TreeMap<>(strategy.parameters()).entrySet()) {
            if (!first) out.append(',');
            first = false;
            string(out, parameter.getKey());
            out.append(':');
            string(out, parameter.getValue());
        }
        out.append("},\"constraints\":[");
        join(out, strategy.constraints(), StateWriter::constraint);
        out.append("],\"segments\":[");
        join(out, strategy.segments(), (o, id) -> o.append(id));
        out.append("],\"variants\":[");
        join(out, strategy.variants(), StateWriter::variant);
        out.append("]}");
    }

    private static void constraint(StringBuilder out, Constraint constraint) {
        out.append("{\"contextName\":");
        string(out, constraint.contextName());
        out.append(",\"operator\":");
        string(out, constraint.operatorName());
        out.append(",\"values\":[");
        join(out, constraint.values(), StateWriter::string);
        out.append(']');
        constraint.value().ifPresent(value -> {
            out.append(",\"value\":");
            string(out, value);
        });
        out.append(",\"caseInsensitive\":")
                .append(constraint.caseInsensitive())
                .append(",\"inverted\":")
                .append(constraint.inverted())
                .append('}');
    }

    private static void segment(StringBuilder out, Segment segment) {
        out.append("{\"id\":").append(segment.id()).append(",\"name\":");
        string(out, segment.name());
        out.append(",\"constraints\":[");
        join(out, segment.constraints(), StateWriter::constraint);
        out.append("]}");
    }

    private static void variant(StringBuilder out, Variant variant) {
        out.append("{\"name\":");
        string(out, variant.name());
        out.append(",\"weight\":").append(variant.weight()).append(",\"weightType\":");
        string(out, variant.weightType() == WeightType.FIX ? "fix" : "variable");
        variant.stickiness().ifPresent(stickiness -> {
            out.append(",\"stickiness\":");
            string(out, stickiness);
        });
        variant.payload().ifPresent(payload -> {
            out.append(",\"payload\":{\"type\":");
            string(out, payload.type());
            out.append(",\"value\":");
            string(out, payload.value());
            out.append('}');
        });
        out.append(",\"overrides\":[");
        join(out, variant.overrides(), StateWriter::override);
        out.append("]}");
    }

    private static void override(StringBuilder out, VariantOverride override) {
        out.append("{\"contextName\":");
        string(out, override.contextName());
        out.append(",\"values\":[");
        join(out, override.values(), StateWriter::string);
        out.append("]}");
    }

    private static void dependency(StringBuilder out, Dependency dependency) {
        out.append("{\"feature\":");
        string(out, dependency.feature());
        out.append(",\"enabled\":").append(dependency.enabled());
        if (!dependency.variants().isEmpty()) {
            out.append(",\"variants\":[");
            join(out, dependency.variants(), StateWriter::string);
            out.append(']');
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
