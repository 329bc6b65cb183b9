package dev.gantry.local.demo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks a fixed share of events, spread evenly: of any first {@code n} events, exactly {@code floor(n * rate)} are
 * picked. A fault rate then reads the same on every run, so a demo rollback fires where the numbers say it should.
 */
final class Share {

    private final double rate;
    private final AtomicLong seen = new AtomicLong();

    Share(double rate) {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("rate must be between 0 and 1, got " + rate);
        this.rate = rate;
    }

    /** Whether the next event is one of the picked ones. */
    boolean next() {
        long n = seen.incrementAndGet();
        return Math.floor(n * rate) > Math.floor((n - 1) * rate);
    }
}
