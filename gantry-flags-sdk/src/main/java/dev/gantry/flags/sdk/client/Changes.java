package dev.gantry.flags.sdk.client;

import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.flags.sdk.state.Segment;
import dev.gantry.flags.sdk.state.Strategy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Which flags differ between two states: added, removed, redefined, or reading a segment that changed. */
final class Changes {

    private Changes() {}

    static Set<String> between(FlagState before, FlagState after) {
        Map<String, Feature> old = byName(before);
        Map<String, Feature> now = byName(after);
        Set<Integer> segments = changedSegments(before, after);
        Set<String> changed = new TreeSet<>();
        for (Feature feature : after.features()) {
            if (!feature.equals(old.get(feature.name())) || readsAny(feature, segments)) {
                changed.add(feature.name());
            }
        }
        for (String name : old.keySet()) {
            if (!now.containsKey(name)) {
                changed.add(name);
            }
        }
        return changed;
    }

    private static Map<String, Feature> byName(FlagState state) {
        Map<String, Feature> out = new HashMap<>();
        for (Feature feature : state.features()) {
            out.put(feature.name(), feature);
        }
        return out;
    }

    private static Set<Integer> changedSegments(FlagState before, FlagState after) {
        Map<Integer, Segment> old = new HashMap<>();
        before.segments().forEach(s -> old.put(s.id(), s));
        Set<Integer> changed = new HashSet<>();
        Set<Integer> seen = new HashSet<>();
        for (Segment segment : after.segments()) {
            seen.add(segment.id());
            if (!Objects.equals(old.get(segment.id()), segment)) {
                changed.add(segment.id());
            }
        }
        for (Integer id : old.keySet()) {
            if (!seen.contains(id)) {
                changed.add(id);
            }
        }
        return changed;
    }

    private static boolean readsAny(Feature feature, Set<Integer> segments) {
        if (segments.isEmpty()) {
            return false;
        }
        for (Strategy strategy : feature.strategies()) {
            for (Integer id : strategy.segments()) {
                if (segments.contains(id)) {
                    return true;
                }
            }
        }
        return false;
    }
}
