package dev.gantry.server.client;

/**
 * A call to the server that did not succeed.
 *
 * @see #status()
 */
public final class ServerCallException extends Exception {

    private final int status;

    public ServerCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the server answered with; 0 when it gave none (unreachable, no answer, not a server). */
    public int status() {
        return status;
    }
}
