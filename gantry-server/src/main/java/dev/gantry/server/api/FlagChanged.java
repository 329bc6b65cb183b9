package dev.gantry.server.api;

import java.util.Optional;

/**
 * The answer to a change of a flag.
 *
 * @param change the change recorded; empty when the flag already was as asked, and nothing was recorded
 * @param flag the flag as it stands now
 */
public record FlagChanged(Optional<FlagChangeView> change, FlagView flag) {}
