package dev.gantry.server.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Looks again at the credentials that opened long-lived requests (streams, waits), all at once: one query for the
 * tokens and one for the sessions, however many there are, so that a revocation made on any replica sharing the
 * database cuts them.
 */
public final class CallerCheck {

    private final TokenTable tokens;
    private final SessionTable sessions;
    private final Clock clock;

    public CallerCheck(DataSource db, Clock clock) {
        this.tokens = new TokenTable(db);
        this.sessions = new SessionTable(db);
        this.clock = clock;
    }

    /** The callers among {@code callers} that are no longer good, each with why; those still good are left out. */
    public Map<Caller, Lapse> lapsed(Collection<? extends Caller> callers) throws SQLException {
        List<String> tokenIds = new ArrayList<>();
        List<String> sessionIds = new ArrayList<>();
        for (Caller caller : callers) {
            if (caller instanceof ApiToken token) tokenIds.add(token.id());
            else if (caller instanceof Session session) sessionIds.add(session.id());
        }
        Map<String, ApiToken> storedTokens = tokenIds.isEmpty() ? Map.of() : tokens.findAll(tokenIds);
        Map<String, Session> storedSessions = sessionIds.isEmpty() ? Map.of() : sessions.findAll(sessionIds);
        Instant now = clock.instant();
        Map<Caller, Lapse> lapsed = new HashMap<>();
        for (Caller caller : callers) {
            Optional<Lapse> lapse = caller instanceof ApiToken token
                    ? lapse(storedTokens.get(token.id()), now)
                    : lapse(storedSessions.get(((Session) caller).id()), now);
            lapse.ifPresent(l -> lapsed.put(caller, l));
        }
        return lapsed;
    }

    private static Optional<Lapse> lapse(ApiToken stored, Instant now) {
        if (stored == null || stored.revoked().isPresent()) return Optional.of(Lapse.TOKEN_REVOKED);
        if (!stored.validAt(now)) return Optional.of(Lapse.TOKEN_EXPIRED);
        return Optional.empty();
    }

    private static Optional<Lapse> lapse(Session stored, Instant now) {
        // A session's row goes at a logout, a password change and with its account.
        if (stored == null) return Optional.of(Lapse.SESSION_ENDED);
        if (!stored.validAt(now)) return Optional.of(Lapse.SESSION_EXPIRED);
        if (!stored.allows(Scope.READ)) return Optional.of(Lapse.SCOPE_LOST);
        return Optional.empty();
    }
}
