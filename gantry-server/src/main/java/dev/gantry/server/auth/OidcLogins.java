package dev.gantry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The logins through the provider under way: each started with a random state, nonce and PKCE verifier, and
 * finished at most once, within {@link #LIFETIME}. They are kept in the server's database, so that a login started on
 * one replica finishes on any other (no sticky sessions). A state comes back from the browser once; a second time it
 * is refused, so a callback replayed opens nothing, also on another replica.
 */
public final class OidcLogins {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** At most this many logins under way; the oldest are forgotten first. */
    static final int MOST = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A login under way: what the browser is sent with, and what the server keeps to check the answer. */
    public record Started(String state, String nonce, String verifier, String next, Instant at) {

        /** The PKCE challenge of the verifier (S256). */
        public String challenge() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        }

        @Override
        public String toString() {
            return "Started[(hidden), next=" + next + ", at=" + at + "]";
        }
    }

    private final DataSource db;
    private final Clock clock;

    public OidcLogins(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Started start(String next) throws SQLException {
        Started started = new Started(random(), random(), random(), next, clock.instant());
        try (Connection c = db.getConnection()) {
            forgetOld(c, started.at());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO oidc_logins"
                    + " (state_hash, nonce, verifier, next_path, started) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, hash(started.state()));
                insert.setString(2, started.nonce());
                insert.setString(3, started.verifier());
                insert.setString(4, started.next());
                insert.setObject(5, OffsetDateTime.ofInstant(started.at(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
        return started;
    }

    /**
     * The login that {@code state} started, taken out so that it cannot finish twice (of two replicas finishing it
     * at once, one gets it); empty when unknown, finished already or old.
     */
    public Optional<Started> finish(String state) throws SQLException {
        if (state == null || state.length() > 100) return Optional.empty();
        String hash = hash(state);
        try (Connection c = db.getConnection()) {
            Started started;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT nonce, verifier, next_path, started FROM oidc_logins WHERE state_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) return Optional.empty();
                    started = new Started(
                            state,
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getObject(4, OffsetDateTime.class).toInstant());
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM oidc_logins WHERE state_hash = ?")) {
                delete.setString(1, hash);
                // Whoever deletes the row finishes the login; a replay, here or elsewhere, finds nothing to delete.
                if (delete.executeUpdate() != 1) return Optional.empty();
            }
            if (!clock.instant().isBefore(started.at().plus(LIFETIME))) return Optional.empty();
            return Optional.of(started);
        }
    }

    /** Forgets the logins older than their lifetime, and the oldest beyond {@link #MOST}. */
    private void forgetOld(Connection c, Instant now) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM oidc_logins WHERE started <= ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(now.minus(LIFETIME), ZoneOffset.UTC));
            delete.executeUpdate();
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM oidc_logins WHERE started < (SELECT started"
                + " FROM oidc_logins ORDER BY started DESC OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY)")) {
            delete.setInt(1, MOST - 1);
            delete.executeUpdate();
        }
    }

    /** What the table keeps of a state: never the state itself, which the browser's cookie holds. */
    private static String hash(String state) {
        return HexFormat.of().formatHex(sha256(state));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
