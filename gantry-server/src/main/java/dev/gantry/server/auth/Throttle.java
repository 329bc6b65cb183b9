package dev.gantry.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing: a client address with {@link #LIMIT} failed authentications within {@link #WINDOW} is
 * refused, without its token even being looked at, until its oldest failure leaves the window.
 */
public final class Throttle {

    public static final int LIMIT = 10;
    public static final Duration WINDOW = Duration.ofMinutes(1);

    /** How many addresses are remembered; the least recently failing are forgotten first. */
    private static final int ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > ADDRESSES;
        }
    };

    public Throttle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before it may try again; empty when it may try now. */
    public synchronized Optional<Duration> wait(String address) {
        Deque<Instant> recent = recent(address);
        if (recent.size() < LIMIT) return Optional.empty();
        Duration left = Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /** Counts a failed authentication from {@code address}. */
    public synchronized void failed(String address) {
        Deque<Instant> recent = recent(address);
        recent.addLast(clock.instant());
        while (recent.size() > LIMIT) recent.removeFirst();
        failures.put(address, recent);
    }

    private Deque<Instant> recent(String address) {
        Deque<Instant> recent = failures.getOrDefault(address, new ArrayDeque<>());
        Instant since = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) recent.removeFirst();
        return recent;
    }
}
