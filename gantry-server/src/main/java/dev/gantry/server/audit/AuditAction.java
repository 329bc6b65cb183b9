package dev.gantry.server.audit;

/** What a change made through the server was. Stored by its name: renaming one is a migration. */
public enum AuditAction {
    TOKEN_ISSUED,
    TOKEN_REVOKED,
    APPROVED,
    RELEASE_STARTED,
    DECIDED,
    ABORT_ASKED,
    ACCOUNT_CREATED,
    ACCOUNT_REMOVED,
    PASSWORD_CHANGED,
    LOGIN,
    LOGIN_REFUSED,
    LOGOUT,
    TOKEN_USED,
    POLICY_SET,
    TICKED,
    EVIDENCE_UPLOADED,
    GATED,
    ROLLBACK_STARTED,
    FLAG_SWITCHED,
    FLAG_CONFIGURED
}
