package dev.gantry.flags;

import java.nio.file.Path;

/** Where the state of the flags comes from. */
public sealed interface FlagStateSource {

    /** A document in the shape of Unleash's {@code GET /api/client/features} answer. */
    record StateFile(Path path) implements FlagStateSource {}

    /** No source named: Gantry keeps no flags of its own yet, so there is nothing to evaluate against. */
    record Unnamed() implements FlagStateSource {}
}
