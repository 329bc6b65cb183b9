package dev.gantry.flags.sdk.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each flag was on and off, and each variant given, since the counts were last taken: the toggles of
 * Unleash's metrics bucket. Counting takes no lock and, once a flag's variant has been counted, allocates nothing.
 *
 * <p>Bounded: at most {@link #MAX_FLAGS} flag names and {@link #MAX_VARIANTS} variant names (over all flags) are
 * counted in the client's life; names past them are not counted. Only flags of a state get a counter, so a caller
 * asking for names no state has grows nothing.
 */
final class UsageCounts {

    static final int MAX_FLAGS = 10_000;
    static final int MAX_VARIANTS = 10_000;

    /** One flag's counters, shared by every state that has the flag, so a new state loses no count. */
    static final class FlagCounter {
        private final LongAdder yes = new LongAdder();
        private final LongAdder no = new LongAdder();
        private final ConcurrentHashMap<String, LongAdder> variants = new ConcurrentHashMap<>();
        private final AtomicInteger variantNames;

        private FlagCounter(AtomicInteger variantNames) {
            this.variantNames = variantNames;
        }

        void count(boolean enabled) {
            (enabled ? yes : no).increment();
        }

        void count(boolean enabled, String variant) {
            count(enabled);
            LongAdder given = variants.get(variant);
            if (given == null) {
                given = admit(variant);
            }
            if (given != null) {
                given.increment();
            }
        }

        /** A new variant's counter, or null past the limit (which racing threads may pass by a few, no more). */
        private LongAdder admit(String variant) {
            if (variantNames.get() >= MAX_VARIANTS) {
                return null;
            }
            return variants.computeIfAbsent(variant, name -> {
                variantNames.incrementAndGet();
                return new LongAdder();
            });
        }
    }

    private final ConcurrentHashMap<String, FlagCounter> flags = new ConcurrentHashMap<>();
    private final AtomicInteger variantNames = new AtomicInteger();

    /** The counter of a state's flag, made on first sight; null past {@link #MAX_FLAGS} names. */
    FlagCounter counter(String flag) {
        FlagCounter counter = flags.get(flag);
        if (counter != null || flags.size() >= MAX_FLAGS) {
            return counter;
        }
        return flags.computeIfAbsent(flag, name -> new FlagCounter(variantNames));
    }

    /**
     * The counts since the last take, each counter reset as it is read; flags counted nothing are left out. A count
     * made during the take lands in this take or the next, never in both nor in none.
     */
    Map<String, MetricsBucket.Toggle> take() {
        Map<String, MetricsBucket.Toggle> taken = new LinkedHashMap<>();
        flags.forEach((flag, counter) -> {
            long yes = counter.yes.sumThenReset();
            long no = counter.no.sumThenReset();
            Map<String, Long> variants = new LinkedHashMap<>();
            counter.variants.forEach((variant, given) -> {
                long n = given.sumThenReset();
                if (n > 0) {
                    variants.put(variant, n);
                }
            });
            if (yes > 0 || no > 0 || !variants.isEmpty()) {
                taken.put(flag, new MetricsBucket.Toggle(yes, no, variants));
            }
        });
        return taken;
    }
}
