package dev.gantry.local.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline, polling with short parks: no fixed sleeps in tests. */
public final class Await {

    private Await() {}

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0)
                throw new AssertionError("still waiting, after " + timeout + ", for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    public static void until(BooleanSupplier condition, String what) {
        until(condition, Duration.ofSeconds(20), what);
    }
}
