package dev.gantry.flags;

import dev.gantry.flags.sdk.state.FlagState;
import java.nio.file.Path;

/** Where the state of the flags comes from. */
public sealed interface FlagStateSource {

    /** A document in the shape of Unleash's {@code GET /api/client/features} answer. */
    record StateFile(Path path) implements FlagStateSource {}

    /** The state Gantry keeps for an environment ({@link FlagStates#export}). */
    record Kept(FlagState state) implements FlagStateSource {}
}
