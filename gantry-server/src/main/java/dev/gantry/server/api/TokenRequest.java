package dev.gantry.server.api;

import java.util.List;

/**
 * Asks for a new token.
 *
 * @param person who the token acts as; their approvals are bound to this name
 * @param scopes {@code read}, {@code approve}, {@code operate}, {@code admin}
 * @param days how long it lives, 1 to 366
 */
public record TokenRequest(String person, List<String> scopes, int days) {}
