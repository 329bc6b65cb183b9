package dev.gantry.local.testing;

import dev.gantry.rollout.Time;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Virtual time for a run whose metrics come from real traffic: before each wait returns, a burst of real requests
 * goes through the proxy, as users would send them while the run watches. The run then samples what the burst
 * did, a one-hour watch still takes milliseconds of waiting, and nothing depends on how fast the machine is.
 */
public final class TrafficTime implements Time {

    private final Time.Virtual time;
    private final int port;
    private final int requests;
    private final Runnable beforeEach;
    private final Http http = new Http();

    /** {@code beforeEach} runs before each burst, for a test to look at the environment while the run goes on. */
    public TrafficTime(Instant start, int port, int requests, Runnable beforeEach) {
        this.time = Time.virtual(start);
        this.port = port;
        this.requests = requests;
        this.beforeEach = beforeEach;
    }

    @Override
    public Clock clock() {
        return time.clock();
    }

    @Override
    public void waitUntil(Instant at) {
        beforeEach.run();
        for (int i = 0; i < requests; i++) {
            try {
                http.get(port, "/");
            } catch (UncheckedIOException e) {
                // No proxy listens yet: those users get nothing, which the run cannot see either.
            }
        }
        time.waitUntil(at);
    }
}
