package dev.gantry.flags.sdk.client;

import java.util.Set;

/**
 * What a {@link FlagClient} tells the application. Methods are called on the client's own threads (but for a failure
 * to send the last usage metrics, told on the thread that calls {@link FlagClient#close()}), one at a time; they
 * should return quickly, and an exception thrown by one is caught and does not stop the client.
 */
public interface FlagListener {

    /**
     * The client has a state to evaluate: called for the first one (from disk, bootstrap or server), and again when the
     * server answers after it had failed (an error or a stale period).
     */
    default void onReady(StateSource source) {}

    /** A new state changed these flags (added, removed, or defined differently, including through a segment). */
    default void onChanged(Set<String> flags) {}

    /** The server has not answered for {@code missedRefreshes} refreshes in a row: the state may be out of date. */
    default void onStale(int missedRefreshes) {}

    /** Something failed; the client keeps the last good state. */
    default void onError(ClientError error) {}
}
