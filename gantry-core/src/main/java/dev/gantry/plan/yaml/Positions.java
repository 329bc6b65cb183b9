package dev.gantry.plan.yaml;

import java.util.IdentityHashMap;
import java.util.Map;

/** Remembers where each bound record came from, so checks after binding can still name file:line:column. */
public final class Positions {

    private record Origin(Position position, String path, Map<String, Position> keys) {}

    private final Position fileStart;
    private final Map<Object, Origin> origins = new IdentityHashMap<>();

    Positions(Position fileStart) {
        this.fileStart = fileStart;
    }

    void record(Object bound, Position position, String path, Map<String, Position> keys) {
        origins.put(bound, new Origin(position, path, Map.copyOf(keys)));
    }

    /** Where {@code bound} started; the start of the file for values not bound from it. */
    public Position of(Object bound) {
        Origin origin = origins.get(bound);
        return origin == null ? fileStart : origin.position();
    }

    /** Where the value of {@code key} is in {@code bound}; the record's own position when the key was absent. */
    public Position of(Object bound, String key) {
        Origin origin = origins.get(bound);
        if (origin == null) return fileStart;
        return origin.keys().getOrDefault(key, origin.position());
    }

    /** The key path of {@code bound}, such as {@code components[1]}; empty for the root. */
    public String pathOf(Object bound) {
        Origin origin = origins.get(bound);
        return origin == null ? "" : origin.path();
    }
}
