package dev.gantry.git;

/** Git could not do what was asked; the message names the command and what git said. */
public final class GitException extends RuntimeException {
    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
