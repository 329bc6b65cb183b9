package dev.gantry.flags.sdk.client;

/** Where the state the client evaluates came from. */
public enum StateSource {
    /** The last known state, written by an earlier run. */
    DISK,
    /** The bootstrap document the application gave. */
    BOOTSTRAP,
    /** The server: a poll of {@code /client/features} or the stream. */
    SERVER
}
