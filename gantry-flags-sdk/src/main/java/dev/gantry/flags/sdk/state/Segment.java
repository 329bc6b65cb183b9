package dev.gantry.flags.sdk.state;

import java.util.List;

/** Constraints shared by several strategies, which refer to them by id. */
public record Segment(int id, String name, List<Constraint> constraints) {
    public Segment {
        constraints = List.copyOf(constraints);
    }
}
