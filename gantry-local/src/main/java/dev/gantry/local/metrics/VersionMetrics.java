package dev.gantry.local.metrics;

import dev.gantry.local.Track;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the proxy counts for one version on one track. Recording is lock-free and allocates nothing, so the event
 * loops that forward requests never wait for a reader.
 */
public final class VersionMetrics {

    /** Latencies are kept in microseconds, from 1 µs to 10 minutes, to three significant digits (0.1%). */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    static final int DIGITS = 3;

    private final Track track;
    private final String version;
    private final Recorder latencies = new Recorder(HIGHEST_MICROS, DIGITS);
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder micros = new LongAdder();

    VersionMetrics(Track track, String version) {
        this.track = track;
        this.version = version;
    }

    public Track track() {
        return track;
    }

    public String version() {
        return version;
    }

    /** One answered request: {@code status} as sent to the client (a 5xx counts as an error), its latency. */
    public void record(int status, long nanos) {
        long us = Math.max(1, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        latencies.recordValue(us);
        micros.add(us);
        if (status >= 500) errors.increment();
        requests.increment();
    }

    long requests() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    long micros() {
        return micros.sum();
    }

    /** The latencies recorded since the last call; {@code recycled} is reused when given. */
    Histogram drain(Histogram recycled) {
        return latencies.getIntervalHistogram(recycled);
    }
}
