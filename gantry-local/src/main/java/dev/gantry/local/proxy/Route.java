package dev.gantry.local.proxy;

import dev.gantry.local.Track;
import dev.gantry.local.metrics.VersionMetrics;
import java.util.concurrent.atomic.AtomicInteger;

/** One track as the proxy routes to it: its pool, where it counts, and whose turn is next within the pool. */
final class Route {

    private final Track track;
    private final Pool pool;
    private final VersionMetrics metrics;
    private final HostPort[] instances;
    private final AtomicInteger next = new AtomicInteger();

    Route(Track track, Pool pool, VersionMetrics metrics) {
        this.track = track;
        this.pool = pool;
        this.metrics = metrics;
        this.instances = pool.instances().toArray(new HostPort[0]);
    }

    Track track() {
        return track;
    }

    Pool pool() {
        return pool;
    }

    VersionMetrics metrics() {
        return metrics;
    }

    boolean isEmpty() {
        return instances.length == 0;
    }

    /** The instances in turn. */
    HostPort nextInstance() {
        return instances[Math.floorMod(next.getAndIncrement(), instances.length)];
    }

    @Override
    public String toString() {
        return track.label() + " " + pool.version();
    }
}
