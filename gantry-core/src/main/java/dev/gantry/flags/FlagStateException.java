package dev.gantry.flags;

/** The flag state cannot be had: no source, an unreadable file, or a document that is not a valid state. */
public final class FlagStateException extends Exception {

    private static final long serialVersionUID = 1L;

    public FlagStateException(String message) {
        super(message);
    }

    public FlagStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
