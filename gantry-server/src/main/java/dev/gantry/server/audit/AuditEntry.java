package dev.gantry.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One change made through the server, in the order made.
 *
 * @param sequence its place in the log, from 1, without gaps
 * @param actor the person of the token that made it
 * @param project the project it concerns; "" for the server's own (tokens)
 * @param subject what it was made on, in words: {@code token 3f9a0c12d4e5 for Priya Shah (approve) until ...}
 * @param previous the hash of the entry before; "" for the first
 * @param hash this entry's hash, over all of the above
 */
public record AuditEntry(
        long sequence,
        Instant at,
        String actor,
        AuditAction action,
        String project,
        String subject,
        String previous,
        String hash) {

    /** How many entries one page of the log holds unless asked for fewer or more. */
    public static final int PAGE = 1000;

    /** The most entries one page holds. */
    public static final int PAGE_MOST = 10_000;

    /** The hash an entry with these fields has: SHA-256 over each field, length-prefixed so none can bleed into another. */
    static String hashOf(
            long sequence, Instant at, String actor, String action, String project, String subject, String previous) {
        StringBuilder text = new StringBuilder();
        for (String field :
                new String[] {Long.toString(sequence), at.toString(), actor, action, project, subject, previous}) {
            text.append(field.length()).append(':').append(field).append('\n');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
