package dev.gantry.server.api;

import java.time.Instant;
import java.util.List;

/**
 * A local account as the server shows it: never its password, nor its hash.
 *
 * @param person who logs in with it
 * @param scopes what a session of it may do: {@code read}, {@code approve}, {@code operate}, {@code admin}
 */
public record AccountInfo(String person, List<String> scopes, Instant created, Instant passwordChanged) {}
