package dev.gantry.flags.sdk.client;

/**
 * A failure the client met and recovered from by keeping its last good state: it is reported to listeners, never
 * thrown into the application.
 *
 * @param message what failed and where, naming the request or file; never a token
 */
public record ClientError(Kind kind, String message) {

    public enum Kind {
        /** The server could not be reached, or the connection broke. */
        UNREACHABLE,
        /** The server answered with a status the protocol does not expect. */
        HTTP_STATUS,
        /** The answer could not be read: not JSON, not the expected shape, or over the size and depth limits. */
        INVALID_ANSWER,
        /** The last known state or the bootstrap could not be read, or the state could not be written. */
        STATE_FILE,
        /** A failure the client did not foresee; the message names it, and the client goes on. */
        UNEXPECTED
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
