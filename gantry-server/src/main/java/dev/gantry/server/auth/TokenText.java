package dev.gantry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token's text, {@code gantry_<id>_<secret>}: a public id (12 hex digits) that finds the token, and 256 random
 * bits that prove it. The prefix lets secret scanners and people recognise a leaked token.
 *
 * <p>The secret is kept as its SHA-256 hash. A slow password hash (argon2id, bcrypt) defends guessable passwords;
 * a 256-bit random secret cannot be guessed, so a fast hash loses nothing and keeps every request cheap.
 */
record TokenText(String id, String secret) {

    private static final Pattern FORM = Pattern.compile("gantry_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    static TokenText random() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new TokenText(
                HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The token in {@code text}, or empty when it is not written as a token is. */
    static Optional<TokenText> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = FORM.matcher(text.strip());
        return m.matches() ? Optional.of(new TokenText(m.group(1), m.group(2))) : Optional.empty();
    }

    String text() {
        return "gantry_" + id + "_" + secret;
    }

    String secretHash() {
        return hash(secret);
    }

    /** Whether this token's secret is the one whose hash is {@code stored}, in time that does not depend on where they differ. */
    boolean matches(String stored) {
        return MessageDigest.isEqual(
                secretHash().getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "TokenText[" + id + ", secret=(hidden)]";
    }
}
