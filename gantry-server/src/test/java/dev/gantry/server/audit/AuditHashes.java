package dev.gantry.server.audit;

import java.time.Instant;

/** The audit log's hash, for tests that forge an entry as someone who knows how it is made would. */
public final class AuditHashes {

    private AuditHashes() {}

    public static String of(
            long sequence, Instant at, String actor, String action, String project, String subject, String previous) {
        return AuditEntry.hashOf(sequence, at, actor, action, project, subject, previous);
    }
}
