package dev.gantry.server.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An API token as the server keeps it, without its secret: whose it is, what it may do and until when.
 *
 * @param id the token's public part, which names it in lists and revocations
 * @param person the person the token acts as; approvals given with it are theirs
 * @param revoked when it was revoked; a revoked token is refused like a wrong one
 * @param lastUse its last use, as it was before the request at hand
 */
public record ApiToken(
        String id,
        String person,
        Set<Scope> scopes,
        Instant created,
        Instant expires,
        Optional<Instant> revoked,
        Optional<TokenUse> lastUse)
        implements Caller {

    public ApiToken {
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** A token never used. */
    public ApiToken(
            String id, String person, Set<Scope> scopes, Instant created, Instant expires, Optional<Instant> revoked) {
        this(id, person, scopes, created, expires, revoked, Optional.empty());
    }

    /** Whether the token is in force at {@code now}: not expired, not revoked. */
    public boolean validAt(Instant now) {
        return revoked.isEmpty() && now.isBefore(expires);
    }
}
