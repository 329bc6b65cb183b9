package dev.gantry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The logins through the provider under way: each started with a random state, nonce and PKCE verifier, and
 * finished at most once, within {@link #LIFETIME}. A state comes back from the browser once; a second time it is
 * refused, so a callback replayed opens nothing.
 */
public final class OidcLogins {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** At most this many logins under way; the oldest are forgotten first. */
    private static final int MOST = 10_000;

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

    private final Clock clock;
    private final Map<String, Started> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Started> eldest) {
            return size() > MOST;
        }
    };

    public OidcLogins(Clock clock) {
        this.clock = clock;
    }

    public synchronized Started start(String next) {
        Started started = new Started(random(), random(), random(), next, clock.instant());
        pending.put(started.state(), started);
        return started;
    }

    /** The login that {@code state} started, taken out so that it cannot finish twice; empty when unknown or old. */
    public synchronized Optional<Started> finish(String state) {
        if (state == null) return Optional.empty();
        Started started = pending.remove(state);
        if (started == null || !clock.instant().isBefore(started.at().plus(LIFETIME))) return Optional.empty();
        return Optional.of(started);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
