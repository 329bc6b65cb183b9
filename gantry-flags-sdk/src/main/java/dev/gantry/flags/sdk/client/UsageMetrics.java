package dev.gantry.flags.sdk.client;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends a client's counts as Unleash's SDKs do: one bucket per interval to {@code POST /client/metrics}, nothing
 * when nothing was counted. A bucket the server did not take is kept and sent with the next one, as one bucket from
 * the first one's start; so after an outage, however long, the counts since the last bucket that went through
 * arrive once, in one bucket, and memory holds only one count per flag and variant meanwhile.
 */
final class UsageMetrics {

    private final UsageCounts counts = new UsageCounts();
    private final UnleashHttp http;
    private final Clock clock;

    // Guarded by this: one send at a time, so a bucket is taken and sent once.
    private Instant bucketStart;
    private MetricsBucket unsent;
    private boolean closed;

    UsageMetrics(UnleashHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
        this.bucketStart = clock.instant();
    }

    UsageCounts counts() {
        return counts;
    }

    /** Sends what was counted since the last bucket; the error when the server did not take it. */
    synchronized Optional<ClientError> send() {
        if (closed) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        // A clock set back must not make a bucket the server refuses for stopping before it starts.
        Instant stop = now.isBefore(bucketStart) ? bucketStart : now;
        MetricsBucket bucket = new MetricsBucket(bucketStart, stop, counts.take());
        bucketStart = stop;
        if (unsent != null) {
            bucket = unsent.merge(bucket);
            unsent = null;
        }
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        try {
            http.metrics(bucket);
            return Optional.empty();
        } catch (ServerFailure f) {
            unsent = bucket;
            return Optional.of(f.error());
        }
    }

    /** The last send, after one under way has ended; later sends send nothing. */
    synchronized Optional<ClientError> close() {
        Optional<ClientError> last = send();
        closed = true;
        return last;
    }
}
