package dev.gantry.flags.sdk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * What an evaluation reads from outside the state and the context: injected, so a test fixes them.
 *
 * @param clock the time of DATE_* constraints when the context gives no {@code currentTime}
 * @param hostname the name {@code applicationHostname} compares, case-insensitively
 * @param random {@code random.applyAsInt(bound)} is uniform in {@code [0, bound)}: random rollouts and variants
 */
public record EvaluatorOptions(Clock clock, String hostname, IntUnaryOperator random) {

    /** The system clock, this machine's host name and a thread-local random source. */
    public static EvaluatorOptions system() {
        return new EvaluatorOptions(Clock.systemUTC(), localHostname(), bound -> ThreadLocalRandom.current()
                .nextInt(bound));
    }

    /** These options on another clock. */
    public EvaluatorOptions withClock(Clock other) {
        return new EvaluatorOptions(other, hostname, random);
    }

    /** As Unleash's Java client finds it: the {@code hostname} system property, else the machine's own name. */
    private static String localHostname() {
        String property = System.getProperty("hostname");
        if (property != null) {
            return property;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
