package dev.gantry.local.proxy;

import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the track of each request. Every request gets a bucket from 0 to 99 and goes to the canary when the bucket
 * is below the weight. Without a sticky value the bucket comes from a counter stepping through all hundred buckets
 * in a spread order, so of any hundred consecutive requests at one weight exactly that many go to the canary, and
 * a split of a few hundred requests is already exact rather than just likely.
 */
final class TrackChooser {

    // Coprime with 100, so a hundred consecutive steps visit every bucket once, neighbours far apart.
    private static final long STRIDE = 61;

    private final Stickiness sticky;
    private final AtomicLong counter = new AtomicLong();

    /** {@code sticky} may be null: then every request gets the next bucket in turn. */
    TrackChooser(Stickiness sticky) {
        this.sticky = sticky;
    }

    /** The route of {@code request}, the other track when the chosen one has no instances, null when neither has. */
    Route choose(HttpRequest request, Routing routing) {
        int bucket = sticky == null ? -1 : sticky.bucket(request);
        if (bucket < 0) bucket = (int) Math.floorMod(counter.getAndIncrement() * STRIDE, 100L);
        boolean canary = bucket < routing.weight();
        Route chosen = canary ? routing.canary() : routing.stable();
        if (!chosen.isEmpty()) return chosen;
        Route other = canary ? routing.stable() : routing.canary();
        return other.isEmpty() ? null : other;
    }
}
