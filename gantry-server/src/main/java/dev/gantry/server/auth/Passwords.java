package dev.gantry.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;

/**
 * Passwords, kept as argon2id hashes with OWASP's parameters (19 MiB of memory, 2 passes, 1 lane), each with a
 * random salt of its own. The stored text names its parameters, so a hash made with others still checks.
 */
final class Passwords {

    static final int MEMORY_KIB = 19 * 1024;
    static final int PASSES = 2;
    static final int LANES = 1;
    static final int SHORTEST = 12;
    /** Longer passwords are refused: hashing megabytes on every login would be a way to slow the server down. */
    static final int MOST_BYTES = 1024;

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(MEMORY_KIB, PASSES, LANES, 32, Argon2.ID);

    /** Checked against when there is no account, so that a wrong name takes as long as a wrong password. */
    private static volatile String decoy;

    private Passwords() {}

    /**
     * Refuses a password that breaks the rules, saying which, never repeating it.
     *
     * @throws IllegalArgumentException when it is empty or only white space, shorter than {@link #SHORTEST}
     *     characters, longer than {@link #MOST_BYTES} bytes, or the person's name
     */
    static void requireGood(String person, String password) {
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("an account needs a password");
        if (password.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)))
            throw new IllegalArgumentException("a password cannot be only spaces or other white space");
        if (password.getBytes(StandardCharsets.UTF_8).length > MOST_BYTES)
            throw new IllegalArgumentException("a password is at most " + MOST_BYTES + " bytes");
        if (password.codePointCount(0, password.length()) < SHORTEST)
            throw new IllegalArgumentException("a password is at least " + SHORTEST + " characters");
        if (password.strip().equalsIgnoreCase(person.strip()))
            throw new IllegalArgumentException("a password is not the person's name");
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** Whether {@code password} is the one {@code stored} is the hash of. */
    static boolean matches(String password, String stored) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MOST_BYTES) return false;
        try {
            return Argon2Function.getInstanceFromHash(stored).check(password, stored);
        } catch (RuntimeException e) {
            return false; // not a hash this server writes: no password matches it
        }
    }

    /** Spends the time of a check when there is nothing to check against. */
    static void checkNothing(String password) {
        String against = decoy;
        if (against == null) decoy = against = hash("no account has this password");
        matches(password == null ? "" : password, against);
    }
}
