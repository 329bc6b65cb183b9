package dev.gantry.server.auth;

/** Why a credential that let a request through is no longer good: said to a stream it had opened, as it is cut. */
public enum Lapse {
    TOKEN_REVOKED("credential revoked: the token was revoked"),
    TOKEN_EXPIRED("credential expired: the token expired"),
    SESSION_ENDED("credential revoked: the session ended (logged out, its password changed or its account removed)"),
    SESSION_EXPIRED("credential expired: the session expired"),
    SCOPE_LOST("credential no longer allows reading: its account lost the read scope");

    private final String reason;

    Lapse(String reason) {
        this.reason = reason;
    }

    /** The sentence a client is told. */
    public String reason() {
        return reason;
    }
}
