package dev.gantry.version;

/** The version the history calls for cannot be released: it is already tagged, or it goes backwards. */
public final class VersionConflict extends RuntimeException {
    public VersionConflict(String message) {
        super(message);
    }
}
