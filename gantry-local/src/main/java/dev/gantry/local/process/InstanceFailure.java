package dev.gantry.local.process;

/** An instance did not start or did not become healthy; the message names it, its port, and its last log lines. */
public final class InstanceFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public InstanceFailure(String message) {
        super(message);
    }

    public InstanceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
