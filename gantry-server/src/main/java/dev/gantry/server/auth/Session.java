package dev.gantry.server.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A person logged in with a session cookie, as the server keeps it: never the cookie's secret.
 *
 * @param id the hash of the cookie's secret, which names the session among the server's own
 * @param scopes its account's scopes, as they are now
 * @param lastSeen its last request, give or take {@link Sessions#TOUCH}
 */
public record Session(String id, String person, Set<Scope> scopes, Instant created, Instant lastSeen)
        implements Caller {

    public Session {
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** When it ends if it is not used: after {@link Sessions#IDLE} without a request, {@link Sessions#LONGEST} at most. */
    public Instant expires() {
        Instant idle = lastSeen.plus(Sessions.IDLE);
        Instant longest = created.plus(Sessions.LONGEST);
        return idle.isBefore(longest) ? idle : longest;
    }

    public boolean validAt(Instant now) {
        return now.isBefore(expires());
    }
}
