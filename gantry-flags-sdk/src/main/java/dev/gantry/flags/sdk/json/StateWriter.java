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
import java.util.Map;

/**
 * Writes a state as Unleash's {@code GET /api/client/features} answer, the shape {@link StateReader} reads: what the
 * client keeps on disk after applying streamed deltas, readable by {@code gantry flags evaluate --state} as well.
 */
public final class StateWriter {

    private final StringBuilder out = new StringBuilder();

    private StateWriter() {}

    public static String write(FlagState state) {
        StateWriter w = new StateWriter();
        w.out.append("{\"version\":").append(state.version());
        state.environment().ifPresent(env -> {
            w.out.append(",\"query\":{\"environment\":");
            w.string(env);
            w.out.append('}');
        });
        w.out.append(",\"features\":");
        w.list(state.features(), w::feature);
        w.out.append(",\"segments\":");
        w.list(state.segments(), w::segment);
        return w.out.append("}\n").toString();
    }

    private void feature(Feature f) {
        out.append("{\"name\":");
        string(f.name());
        f.type().ifPresent(type -> {
            out.append(",\"type\":");
            string(type);
        });
        out.append(",\"enabled\":").append(f.enabled()).append(",\"strategies\":");
        list(f.strategies(), this::strategy);
        out.append(",\"variants\":");
        list(f.variants(), this::variant);
        out.append(",\"dependencies\":");
        list(f.dependencies(), this::dependency);
        out.append('}');
    }

    private void strategy(Strategy s) {
        out.append("{\"name\":");
        string(s.name());
        out.append(",\"parameters\":{");
        boolean first = true;
        for (Map.Entry<String, String> p : new java.util.TreeMap<>(s.parameters()).entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            string(p.getKey());
            out.append(':');
            string(p.getValue());
        }
        out.append("},\"constraints\":");
        list(s.constraints(), this::constraint);
        out.append(",\"segments\":");
        list(s.segments(), id -> out.append(id));
        out.append(",\"variants\":");
        list(s.variants(), this::variant);
        out.append('}');
    }

    private void constraint(Constraint c) {
        out.append("{\"contextName\":");
        string(c.contextName());
        out.append(",\"operator\":");
        string(c.operatorName());
        out.append(",\"values\":");
        list(c.values(), this::string);
        c.value().ifPresent(v -> {
            out.append(",\"value\":");
            string(v);
        });
        out.append(",\"caseInsensitive\":").append(c.caseInsensitive());
        out.append(",\"inverted\":").append(c.inverted()).append('}');
    }

    private void segment(Segment s) {
        out.append("{\"id\":").append(s.id()).append(",\"name\":");
        string(s.name());
        out.append(",\"constraints\":");
        list(s.constraints(), this::constraint);
        out.append('}');
    }

    private void variant(Variant v) {
        out.append("{\"name\":");
        string(v.name());
        out.append(",\"weight\":").append(v.weight());
        out.append(",\"weightType\":").append(v.weightType() == WeightType.FIX ? "\"fix\"" : "\"variable\"");
        v.stickiness().ifPresent(s -> {
            out.append(",\"stickiness\":");
            string(s);
        });
        v.payload().ifPresent(p -> {
            out.append(",\"payload\":{\"type\":");
            string(p.type());
            out.append(",\"value\":");
            string(p.value());
            out.append('}');
        });
        out.append(",\"overrides\":");
        list(v.overrides(), this::override);
        out.append('}');
    }

    private void override(VariantOverride o) {
        out.append("{\"contextName\":");
        string(o.contextName());
        out.append(",\"values\":");
        list(o.values(), this::string);
        out.append('}');
    }

    private void dependency(Dependency d) {
        out.append("{\"feature\":");
        string(d.feature());
        out.append(",\"enabled\":").append(d.enabled()).append(",\"variants\":");
        list(d.variants(), this::string);
        out.append('}');
    }

    private <T> void list(List<T> items, java.util.function.Consumer<T> writer) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ",");
            writer.accept(items.get(i));
        }
        out.append(']');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
