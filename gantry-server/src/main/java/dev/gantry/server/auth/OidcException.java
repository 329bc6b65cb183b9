package dev.gantry.server.auth;

/** A login through the OpenID Connect provider that did not succeed, with a sentence saying why. */
public final class OidcException extends Exception {

    public OidcException(String message) {
        super(message);
    }

    public OidcException(String message, Throwable cause) {
        super(message, cause);
    }
}
