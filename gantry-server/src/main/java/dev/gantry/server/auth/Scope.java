package dev.gantry.server.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token may do. Every endpoint but the health check requires one scope; {@link #ADMIN} includes all. */
public enum Scope {
    /** Read plans, status, history, approvals and reports. */
    READ,
    /** Approve and tick a checklist as the token's own person; includes reading. */
    APPROVE,
    /** Start, resume, decide, abort and roll back runs; includes reading. */
    OPERATE,
    /**
     * Upload evidence files (test reports, SARIF, benchmark results) for a commit; includes reading. What a CI job
     * needs, and nothing that starts or changes a release.
     */
    EVIDENCE,
    /** Issue, list and revoke tokens; includes everything else. */
    ADMIN;

    /** Whether a token with this scope may do what {@code required} allows. */
    public boolean allows(Scope required) {
        return this == required || this == ADMIN || required == READ;
    }

    /** The name as tokens and the command line write it: {@code read}, {@code approve}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> of(String label) {
        for (Scope scope : values()) {
            if (scope.label().equals(label)) return Optional.of(scope);
        }
        return Optional.empty();
    }
}
