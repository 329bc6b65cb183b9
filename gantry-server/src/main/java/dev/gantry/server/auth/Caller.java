package dev.gantry.server.auth;

import java.util.Set;

/** Who a request was let through as: a token's holder, or a person logged in with a session. */
public sealed interface Caller permits ApiToken, Session {

    /** The person the request acts as; approvals given with it are theirs. */
    String person();

    Set<Scope> scopes();

    /** Whether the caller may do what {@code required} allows. */
    default boolean allows(Scope required) {
        return scopes().stream().anyMatch(s -> s.allows(required));
    }
}
