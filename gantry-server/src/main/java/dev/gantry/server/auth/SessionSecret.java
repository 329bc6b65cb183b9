package dev.gantry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A session cookie's value: 256 random bits. The server keeps its SHA-256 hash, and derives the session's CSRF
 * token from it by another hash, so neither the table nor a page holding the CSRF token gives the cookie away.
 */
record SessionSecret(String text) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    static SessionSecret random() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new SessionSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    static Optional<SessionSecret> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new SessionSecret(text)) : Optional.empty();
    }

    /** What the sessions table keeps. */
    String hash() {
        return HexFormat.of().formatHex(sha256(text));
    }

    /** The token a request made with this cookie must carry when it changes something. */
    String csrfToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("gantry csrf\n" + text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SessionSecret[(hidden)]";
    }
}
