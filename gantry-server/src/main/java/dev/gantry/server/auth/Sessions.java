package dev.gantry.server.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Opens, checks and ends the sessions of people logged in to the server's pages, kept in the server's database so
 * that they outlive a restart and are shared by replicas.
 */
public final class Sessions {

    /** A session not used for this long has ended. */
    public static final Duration IDLE = Duration.ofHours(12);
    /** The longest a session lives, used or not: a stolen cookie does not work for ever. */
    public static final Duration LONGEST = Duration.ofDays(7);
    /** A session's last use is written at most this often, not at every request. */
    static final Duration TOUCH = Duration.ofMinutes(1);

    private final SessionTable table;
    private final Clock clock;

    public Sessions(DataSource db, Clock clock) {
        this.table = new SessionTable(db);
        this.clock = clock;
    }

    /** A new session for {@code person}, who has just proven who they are. */
    public OpenedSession open(String person) throws SQLException {
        SessionSecret secret = SessionSecret.random();
        Instant now = clock.instant();
        table.insert(secret.hash(), person, now);
        Session session = table.find(secret.hash())
                .orElseThrow(() -> new IllegalArgumentException(person + " has no account to open a session of"));
        return new OpenedSession(session, secret.text(), secret.csrfToken());
    }

    /** The session the cookie's value proves, when it is one in force whose account still exists. */
    public Optional<Session> check(String cookie) throws SQLException {
        Optional<SessionSecret> secret = SessionSecret.parse(cookie);
        if (secret.isEmpty()) return Optional.empty();
        Optional<Session> session = table.find(secret.get().hash());
        Instant now = clock.instant();
        if (session.isEmpty()) return Optional.empty();
        if (!session.get().validAt(now)) {
            table.delete(session.get().id());
            return Optional.empty();
        }
        if (!now.isBefore(session.get().lastSeen().plus(TOUCH)))
            table.touch(session.get().id(), now);
        return session;
    }

    /** The CSRF token of the session the cookie's value proves. */
    public static Optional<String> csrfToken(String cookie) {
        return SessionSecret.parse(cookie).map(SessionSecret::csrfToken);
    }

    /** Ends the session the cookie's value proves; false when it had ended already. */
    public boolean end(String cookie) throws SQLException {
        Optional<SessionSecret> secret = SessionSecret.parse(cookie);
        return secret.isPresent() && table.delete(secret.get().hash());
    }

    /** Ends every session of {@code person} but {@code keep}: a password changed logs the others out. */
    public int endOthers(String person, Optional<Session> keep) throws SQLException {
        return table.deleteOf(person, keep.map(Session::id));
    }

    /** Forgets the sessions that have ended; returns how many. */
    public int sweep() throws SQLException {
        Instant now = clock.instant();
        return table.deleteEnded(now.minus(IDLE), now.minus(LONGEST));
    }
}
