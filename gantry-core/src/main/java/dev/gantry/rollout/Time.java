package dev.gantry.rollout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock a run reads and the way it waits, injected so a one-hour watch window runs in milliseconds in tests:
 * {@link #system()} waits for real, {@link #virtual(Instant)} moves its clock forward instead of waiting, and
 * {@link #compressed} runs real time faster, for a demonstration at a plan's pace in seconds.
 */
public interface Time {

    Clock clock();

    /** Returns once the clock reads {@code at} or later. */
    void waitUntil(Instant at) throws InterruptedException;

    default Instant now() {
        return clock().instant();
    }

    /** How long {@code real} time is on this time's clock: longer when time runs faster than real time. */
    default Duration pace(Duration real) {
        return real;
    }

    default void waitFor(Duration duration) throws InterruptedException {
        waitUntil(now().plus(duration));
    }

    static Time system() {
        return new SystemTime(Clock.systemUTC());
    }

    static Virtual virtual(Instant start) {
        return new Virtual(start);
    }

    /**
     * Real time run {@code factor} times faster from the moment it is made: a 5-minute watch takes 5 seconds at 60.
     * Its clock reads the compressed time, so events and reports show the plan's pace.
     */
    static Time compressed(Clock real, double factor) {
        return new Compressed(real, real.instant(), factor);
    }

    /** Real time: waiting sleeps the calling thread. */
    record SystemTime(Clock clock) implements Time {
        @Override
        public void waitUntil(Instant at) throws InterruptedException {
            long millis = Duration.between(clock.instant(), at).toMillis();
            if (millis > 0) Thread.sleep(millis);
        }
    }

    /** Real time sped up: {@code origin + (real - origin) * factor}; waiting sleeps the real share of the wait. */
    final class Compressed extends Clock implements Time {

        private final Clock real;
        private final Instant origin;
        private final double factor;

        private Compressed(Clock real, Instant origin, double factor) {
            if (!(factor >= 1)) throw new IllegalArgumentException("a compression factor is 1 or more, got " + factor);
            this.real = real;
            this.origin = origin;
            this.factor = factor;
        }

        @Override
        public Duration pace(Duration real) {
            return Duration.ofNanos((long) (real.toNanos() * factor));
        }

        @Override
        public Clock clock() {
            return this;
        }

        @Override
        public Instant instant() {
            long realNanos = Duration.between(origin, real.instant()).toNanos();
            return origin.plusNanos((long) (realNanos * factor));
        }

        @Override
        public void waitUntil(Instant at) throws InterruptedException {
            long nanos = (long) (Duration.between(instant(), at).toNanos() / factor);
            if (nanos > 0) Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }

        @Override
        public ZoneId getZone() {
            return real.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Compressed(real.withZone(zone), origin, factor);
        }
    }

    /** Time that only moves when someone waits: waiting jumps the clock to the instant waited for. */
    final class Virtual extends Clock implements Time {

        private Instant now;

        private Virtual(Instant start) {
            this.now = start;
        }

        @Override
        public Clock clock() {
            return this;
        }

        @Override
        public synchronized void waitUntil(Instant at) {
            if (at.isAfter(now)) now = at;
        }

        /** Moves the clock forward, as the world does while a target action runs. */
        public synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        /** A view of this clock in another zone: the same moving instant. */
        @Override
        public Clock withZone(ZoneId zone) {
            Virtual source = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return source.withZone(other);
                }

                @Override
                public Instant instant() {
                    return source.instant();
                }
            };
        }
    }
}
