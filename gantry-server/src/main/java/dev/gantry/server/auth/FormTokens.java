package dev.gantry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The tokens of the login form's double submit: a random value, when it was made, and an HMAC-SHA256 of both under a
 * key the servers sharing the database keep. A cookie and a field that merely agree are not enough: the value must
 * be one a server made, within {@link #LIFETIME}, so that someone who can plant a cookie cannot pick the pair.
 */
public final class FormTokens {

    /** How long a form may stay open before it is posted. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static final String KEY_NAME = "login-form";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;

    private FormTokens(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    /** The tokens of the servers on {@code db}: its key, made now by the first server that asks. */
    public static FormTokens of(DataSource db, Clock clock) throws SQLException {
        try (Connection c = db.getConnection()) {
            String secret = stored(c);
            if (secret == null) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try (PreparedStatement insert =
                        c.prepareStatement("INSERT INTO server_keys (name, secret) VALUES (?, ?)")) {
                    insert.setString(1, KEY_NAME);
                    insert.setString(2, BASE64.encodeToString(fresh));
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) throw e; // another replica made it first: theirs counts
                }
                secret = stored(c);
            }
            return new FormTokens(Base64.getUrlDecoder().decode(secret), clock);
        }
    }

    private static String stored(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT secret FROM server_keys WHERE name = ?")) {
            select.setString(1, KEY_NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** A new token, for a form about to be shown. */
    public String issue() {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        String body = BASE64.encodeToString(nonce) + "." + clock.instant().getEpochSecond();
        return body + "." + BASE64.encodeToString(mac(body));
    }

    /** Whether {@code token} is one a server sharing this key made, less than {@link #LIFETIME} ago. */
    public boolean issued(String token) {
        if (token == null || token.length() > 200) return false;
        int last = token.lastIndexOf('.');
        if (last < 0) return false;
        String body = token.substring(0, last);
        int dot = body.indexOf('.');
        if (dot < 0) return false;
        long made;
        try {
            made = Long.parseLong(body.substring(dot + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean signed = MessageDigest.isEqual(
                BASE64.encodeToString(mac(body)).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII));
        long age = clock.instant().getEpochSecond() - made;
        return signed && age >= 0 && age < LIFETIME.toSeconds();
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
