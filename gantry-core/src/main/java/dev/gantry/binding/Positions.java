package dev.gantry.binding;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each bound record, list and map came from, so checks made after binding can still name
 * file:line:column. Lookups go by identity: a copy made in a compact constructor is not known here.
 */
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

    /**
     * Where the value of a record component (or of a key of a bound map) is; the position of {@code bound}
     * itself when the key was absent. {@code name[2]} is the third item of a list component, or the component's
     * value when it was not written as a list.
     */
    public Position of(Object bound, String componentName) {
        Origin origin = origins.get(bound);
        if (origin == null) return fileStart;
        Position at = origin.keys().get(componentName);
        int item = componentName.indexOf('[');
        if (at == null && item > 0) at = origin.keys().get(componentName.substring(0, item));
        return at != null ? at : origin.position();
    }

    /** The key path of {@code bound}, such as {@code versioning.releaseRules[1]}; empty for the root. */
    public String pathOf(Object bound) {
        Origin origin = origins.get(bound);
        return origin == null ? "" : origin.path();
    }
}
