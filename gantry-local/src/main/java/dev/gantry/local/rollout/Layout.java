package dev.gantry.local.rollout;

import java.util.Optional;

/**
 * What a local environment runs after an action: the stable version and how many of its instances, the canary
 * version and how many of its instances, and the canary's share of the traffic. Decided from the call and from
 * the version the proxy serves as stable now, without looking at any process.
 *
 * @param stable the version the proxy sends the rest of the traffic to; empty when nothing is to run
 * @param stableCount its instances; 0 once a rolling release has replaced them all
 * @param canary the new version while it runs beside the stable one; empty once it is the only one
 * @param weight the canary's percentage of the traffic; 0 without a canary
 */
record Layout(Optional<String> stable, int stableCount, Optional<String> canary, int canaryCount, int weight) {

    Layout {
        if (stable.isEmpty() && (stableCount != 0 || canary.isPresent())) {
            throw new IllegalArgumentException("a canary or stable instances need a stable version");
        }
        if (canary.isEmpty() && (canaryCount != 0 || weight != 0)) {
            throw new IllegalArgumentException("instances or a weight for the canary need a canary version");
        }
        if (canary.isPresent() && canary.equals(stable)) {
            throw new IllegalArgumentException("version " + canary.get() + " cannot be stable and canary at once");
        }
    }

    /** Nothing runs: no instance, no proxy. */
    static Layout nothing() {
        return new Layout(Optional.empty(), 0, Optional.empty(), 0, 0);
    }

    /** {@code version} alone, with all the traffic. */
    static Layout only(String version, int instances) {
        return new Layout(Optional.of(version), instances, Optional.empty(), 0, 0);
    }

    /**
     * After putting {@code version} on the environment: beside the stable version with no traffic (canary,
     * blue-green: {@code weight} 0), in place of that share of the stable instances (a rolling batch, {@code step}
     * 1 or more), or in place of all of them (all at once: {@code weight} 100 without a step). In an environment
     * where nothing runs yet and the release has no previous version, the new version simply has all the traffic.
     *
     * @param serving the stable version of the proxy that runs now, if one runs
     */
    static Layout deploy(
            String version, Optional<String> serving, Optional<String> previous, int instances, int weight, int step) {
        String stable = stableBeside(version, serving, previous);
        if (stable.equals(version)) return only(version, instances);
        if (weight == 0) return new Layout(Optional.of(stable), instances, Optional.of(version), instances, 0);
        if (step == 0 && weight == 100) return only(version, instances);
        int replaced = (int) Math.max(1, Math.min(instances, Math.round(instances * weight / 100.0)));
        return new Layout(Optional.of(stable), instances - replaced, Optional.of(version), replaced, weight);
    }

    /** The canary at {@code weight} percent beside the stable version, each on all its instances. */
    static Layout weighted(
            String version, Optional<String> serving, Optional<String> previous, int instances, int weight) {
        String stable = stableBeside(version, serving, previous);
        if (stable.equals(version)) return only(version, instances);
        return new Layout(Optional.of(stable), instances, Optional.of(version), instances, weight);
    }

    /** The new version is the stable one; the old one goes. */
    static Layout promote(String version, int instances) {
        return only(version, instances);
    }

    /**
     * The version that served before {@code version} came, with all the traffic: the proxy's stable version when
     * it is another one, else the release's previous version; nothing at all when there is neither.
     */
    static Layout rollback(String version, Optional<String> serving, Optional<String> previous, int instances) {
        Optional<String> back =
                serving.filter(v -> !v.equals(version)).or(() -> previous.filter(v -> !v.equals(version)));
        return back.map(v -> only(v, instances)).orElseGet(Layout::nothing);
    }

    /**
     * The stable version beside {@code version}: what the proxy serves now; when no proxy runs, the release's
     * previous version (started if need be); when there is none, {@code version} itself.
     */
    private static String stableBeside(String version, Optional<String> serving, Optional<String> previous) {
        return serving.or(() -> previous).orElse(version);
    }
}
