package dev.gantry.local.proxy;

import java.util.List;

/**
 * The instances that serve one version. An empty pool is allowed: its share of the traffic goes to the other
 * track, so a canary at weight 10 with no instances yet sends everything to stable.
 */
public record Pool(String version, List<HostPort> instances) {

    public Pool {
        if (version == null || version.isBlank()) throw new IllegalArgumentException("a pool needs a version");
        instances = List.copyOf(instances);
    }

    public static Pool empty(String version) {
        return new Pool(version, List.of());
    }
}
