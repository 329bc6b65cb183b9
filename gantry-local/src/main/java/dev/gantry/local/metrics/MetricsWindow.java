package dev.gantry.local.metrics;

import dev.gantry.local.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The proxy's numbers for one interval of the watch window, one entry per version that served traffic in it or
 * is routed to now.
 */
public record MetricsWindow(Instant from, Instant to, List<VersionWindow> versions) {

    public MetricsWindow {
        if (to.isBefore(from)) throw new IllegalArgumentException("interval ends " + to + " before it starts " + from);
        versions = List.copyOf(versions);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The entry of {@code version} on {@code track}, if it was routed to or served in the interval. */
    public Optional<VersionWindow> of(Track track, String version) {
        return versions.stream()
                .filter(v -> v.track() == track && v.version().equals(version))
                .findFirst();
    }
}
