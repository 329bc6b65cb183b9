package dev.gantry.server.client;

import dev.gantry.server.api.Problem;
import java.util.Optional;

/**
 * A call to the server that did not succeed.
 *
 * @see #status()
 */
public final class ServerCallException extends Exception {

    private final int status;
    private final Optional<Problem> problem;

    public ServerCallException(int status, String message) {
        this(status, message, Optional.empty());
    }

    public ServerCallException(int status, String message, Optional<Problem> problem) {
        super(message);
        this.status = status;
        this.problem = problem;
    }

    /** What the error is, when the server said. */
    public Optional<Problem> problem() {
        return problem;
    }

    /** The HTTP status the server answered with; 0 when it gave none (unreachable, no answer, not a server). */
    public int status() {
        return status;
    }
}
