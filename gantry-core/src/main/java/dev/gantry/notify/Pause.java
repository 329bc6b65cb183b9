package dev.gantry.notify;

import java.time.Duration;

/**
 * How a notifier waits between attempts: in a run, the run's time ({@code time::waitFor}), so a virtual clock
 * waits for nothing; in a test, a recording of the waits asked for.
 */
@FunctionalInterface
public interface Pause {

    /** Returns after {@code duration}, or throws when the waiting thread is interrupted. */
    void waitFor(Duration duration) throws InterruptedException;
}
