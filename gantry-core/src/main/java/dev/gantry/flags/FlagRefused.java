package dev.gantry.flags;

/** A flag change that is not made: an unknown flag or environment, or settings that cannot be read. */
public final class FlagRefused extends Exception {

    private static final long serialVersionUID = 1L;

    public FlagRefused(String message) {
        super(message);
    }
}
