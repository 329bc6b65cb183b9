package dev.gantry.flags.sdk;

import dev.gantry.flags.sdk.state.Constraint;
import dev.gantry.flags.sdk.state.Dependency;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Segment;
import dev.gantry.flags.sdk.state.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a state into compiled flags: parameters parsed, regular expressions compiled, segments inlined. */
final class FlagCompiler {

    private FlagCompiler() {}

    static Map<String, CompiledFlag> compile(FlagState state, EvaluatorOptions options) {
        Map<Integer, Segment> segments = new HashMap<>();
        for (Segment segment : state.segments()) {
            segments.put(segment.id(), segment);
        }
        Map<String, CompiledFlag> flags = new LinkedHashMap<>();
        for (Feature feature : state.features()) {
            flags.put(feature.name(), compile(feature, segments, options));
        }
        return flags;
    }

    private static CompiledFlag compile(Feature feature, Map<Integer, Segment> segments, EvaluatorOptions options) {
        List<CompiledFlag.Requirement> requirements = new ArrayList<>();
        for (Dependency dependency : feature.dependencies()) {
            requirements.add(new CompiledFlag.Requirement(
                    dependency.feature(), dependency.enabled(), new HashSet<>(dependency.variants())));
        }
        VariantSet variants = VariantSet.ofFeature(feature.name(), feature.variants());
        List<CompiledStrategy> strategies = new ArrayList<>();
        try {
            for (int i = 0; i < feature.strategies().size(); i++) {
                strategies.add(strategy(i, feature.strategies().get(i), feature.name(), segments, options));
            }
        } catch (InvalidFlag invalid) {
            return new CompiledFlag(
                    feature.name(), feature.enabled(), invalid.getMessage(), List.of(), variants, requirements);
        }
        return new CompiledFlag(feature.name(), feature.enabled(), null, strategies, variants, requirements);
    }

    private static CompiledStrategy strategy(
            int index, Strategy strategy, String flag, Map<Integer, Segment> segments, EvaluatorOptions options)
            throws InvalidFlag {
        String where = "strategies[" + index + "] (" + strategy.name() + ")";
        List<Condition> conditions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try {
            for (int i = 0; i < strategy.constraints().size(); i++) {
                Constraint constraint = strategy.constraints().get(i);
                conditions.add(Conditions.compile(constraint, options.clock()));
                texts.add("constraints[" + i + "] " + Conditions.describe(constraint));
            }
            for (int segmentId : strategy.segments()) {
                Segment segment = segments.get(segmentId);
                if (segment == null) {
                    throw new InvalidFlag("segment " + segmentId + " is not in the state");
                }
                for (Constraint constraint : segment.constraints()) {
                    conditions.add(Conditions.compile(constraint, options.clock()));
                    texts.add("segment " + segmentId + " (" + segment.name() + ") " + Conditions.describe(constraint));
                }
            }
            Strategies.Compiled rule = Strategies.compile(strategy, options);
            VariantSet variants = VariantSet.ofStrategy(
                    strategy.variants(),
                    strategy.parameters().getOrDefault("stickiness", "default"),
                    strategy.parameters().getOrDefault("groupId", flag));
            return new CompiledStrategy(
                    index,
                    strategy.name(),
                    rule,
                    conditions.toArray(Condition[]::new),
                    texts.toArray(String[]::new),
                    variants);
        } catch (InvalidFlag invalid) {
            throw new InvalidFlag(where + ": " + invalid.getMessage());
        }
    }
}
