package dev.gantry.server.api;

import java.util.List;

/**
 * Asks for a new local account.
 *
 * @param person who logs in with it; their approvals are bound to this name
 * @param scopes {@code read}, {@code approve}, {@code operate}, {@code admin}
 * @param password the first password: at least 12 characters, at most 1024 bytes, not the person's name
 */
public record AccountRequest(String person, List<String> scopes, String password) {

    @Override
    public String toString() {
        return "AccountRequest[person=" + person + ", scopes=" + scopes + ", password=(hidden)]";
    }
}
