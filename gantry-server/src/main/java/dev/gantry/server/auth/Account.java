package dev.gantry.server.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A local account as the server shows it, without its password's hash.
 *
 * @param person the person who logs in with it; what they do is theirs, as with a token
 * @param scopes what a session of the account may do
 */
public record Account(String person, Set<Scope> scopes, Instant created, Instant passwordChanged) {

    public Account {
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }
}
