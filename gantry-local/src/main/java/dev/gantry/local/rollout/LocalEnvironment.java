package dev.gantry.local.rollout;

import dev.gantry.local.process.Instance;
import dev.gantry.local.process.InstanceFailure;
import dev.gantry.local.process.InstanceGroup;
import dev.gantry.local.process.InstanceRecord;
import dev.gantry.local.process.InstanceSpec;
import dev.gantry.local.proxy.HostPort;
import dev.gantry.local.proxy.Pool;
import dev.gantry.local.proxy.ProxyAdminClient;
import dev.gantry.local.proxy.ProxyException;
import dev.gantry.local.proxy.ProxyState;
import dev.gantry.local.proxy.RunningProxy;
import dev.gantry.local.proxy.Stickiness;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The processes of one local environment, brought to what an action asks for. Every action reads what runs now
 * from the state files (the instances that still run, the proxy if its process still runs) and does only what is
 * missing, so a call repeated after a crash finds what the first one did instead of starting a second set.
 *
 * <p>The order keeps users served: the stable version's missing instances start first, then the proxy if none
 * runs (serving the stable version alone), then the canary's instances; the proxy routes to the new pools once
 * every instance in them is healthy, and only then are the instances nobody routes to any more stopped.
 */
final class LocalEnvironment {

    private static final Duration GRACE = InstanceGroup.DEFAULT_GRACE;

    private final EnvironmentFiles files;
    private final InstanceSpec spec;
    private final int port;
    private final Optional<Stickiness> sticky;
    private final Duration startTimeout;

    LocalEnvironment(
            EnvironmentFiles files, InstanceSpec spec, int port, Optional<Stickiness> sticky, Duration startTimeout) {
        this.files = files;
        this.spec = spec;
        this.port = port;
        this.sticky = sticky;
        this.startTimeout = startTimeout;
    }

    /**
     * Brings the environment to the layout {@code decide} gives for the proxy's stable version now (empty when no
     * proxy runs).
     *
     * @throws InstanceFailure when an instance does not become healthy; the instances of that start are stopped
     * @throws dev.gantry.local.proxy.ProxyException when the proxy cannot start or be steered
     */
    Converged converge(Function<Optional<String>, Layout> decide)
            throws InstanceFailure, IOException, InterruptedException {
        Files.createDirectories(files.dir());
        InstanceGroup group = InstanceGroup.open(files.instances(), files.logs(), GRACE);
        Optional<RunningProxy> proxy = ProxyProcess.find(files);
        Optional<ProxyState> routing = proxy.map(p -> p.admin().routing());
        Layout layout = decide.apply(routing.map(r -> r.stable().version()));

        List<Instance> stable = new ArrayList<>();
        List<Instance> canary = new ArrayList<>();
        int stableStarted = 0;
        int canaryStarted = 0;
        String proxyChange = "none";
        if (layout.stable().isPresent()) {
            String stableVersion = layout.stable().get();
            stableStarted = ensure(group, stableVersion, layout.stableCount(), stable);
            if (proxy.isEmpty() || !fits(proxy.get(), routing.get())) {
                // Users reach the stable version first; the canary, which may take long to start, joins later.
                proxyChange = proxy.isPresent() ? "replaced: its port or stickiness changed" : "started";
                if (proxy.isPresent()) ProxyProcess.stop(proxy.get(), files, GRACE);
                Pool alone = Pool.empty(layout.canary().orElse(stableVersion));
                proxy = Optional.of(startProxy(group, pool(stableVersion, stable), alone));
                routing = Optional.of(new ProxyState(0, pool(stableVersion, stable), alone, sticky));
            } else {
                proxyChange = "found running";
            }
            if (layout.canary().isPresent()) {
                canaryStarted = ensure(group, layout.canary().get(), layout.canaryCount(), canary);
            }
            Pool canaryPool = pool(layout.canary().orElse(stableVersion), canary);
            route(proxy.get().admin(), routing.get(), pool(stableVersion, stable), canaryPool, layout.weight());
        } else if (proxy.isPresent()) {
            ProxyProcess.stop(proxy.get(), files, GRACE);
            proxyChange = "stopped";
            proxy = Optional.empty();
        }

        Set<Instance> kept = new HashSet<>(stable);
        kept.addAll(canary);
        List<Instance> stopped = new ArrayList<>();
        for (Instance instance : group.instances()) {
            if (kept.contains(instance)) continue;
            group.stop(instance);
            stopped.add(instance);
        }
        files.writeSettings(spec.healthPath());
        return new Converged(layout, stable, stableStarted, canary, canaryStarted, stopped, proxy, proxyChange);
    }

    /**
     * {@code count} healthy instances of {@code version} into {@code into}: those that run already, then new ones.
     *
     * @return how many were started
     */
    private int ensure(InstanceGroup group, String version, int count, List<Instance> into)
            throws InstanceFailure, IOException, InterruptedException {
        List<Instance> running =
                group.instances(version).stream().filter(Instance::isAlive).toList();
        List<Instance> found = running.subList(0, Math.min(count, running.size()));
        // Found after a crash, an instance may still be starting: it serves once it answers, like a new one.
        group.awaitHealthy(found, spec);
        into.addAll(found);
        int missing = count - found.size();
        if (missing > 0) into.addAll(group.start(version, missing, spec));
        return Math.max(0, missing);
    }

    /**
     * A new proxy in front of {@code stable}. When it cannot start (the port is taken, say), nothing could reach the
     * instances: they are stopped rather than left running for nobody.
     */
    private RunningProxy startProxy(InstanceGroup group, Pool stable, Pool canary)
            throws IOException, InterruptedException {
        try {
            return ProxyProcess.start(files, port, sticky, stable, canary, 0, startTimeout);
        } catch (ProxyException e) {
            int instances = group.instances().size();
            group.stopAll();
            if (instances == 0) throw e;
            throw new ProxyException(
                    "stopped the " + Converged.plural(instances, "instance") + " nothing serves now: " + e.getMessage(),
                    e);
        }
    }

    /** The proxy can be steered as it is: its port and stickiness are those of the plan. */
    private boolean fits(RunningProxy proxy, ProxyState routing) {
        return proxy.port() == port && routing.sticky().equals(sticky);
    }

    /**
     * New pools and weight, in the order that never sends a request where it should not go: a lower weight before
     * the pools change, a higher one after.
     */
    private static void route(ProxyAdminClient admin, ProxyState now, Pool stable, Pool canary, int weight) {
        if (weight < now.weight()) admin.setWeight(weight);
        admin.setBackends(stable, canary);
        if (weight > now.weight()) admin.setWeight(weight);
    }

    private static Pool pool(String version, List<Instance> instances) {
        return new Pool(
                version,
                instances.stream().map(i -> new HostPort("127.0.0.1", i.port())).toList());
    }

    /** What runs now, read only: the proxy's routing and each version's instances, running or ended. */
    String status() throws IOException {
        List<String> parts = new ArrayList<>();
        Optional<RunningProxy> proxy = ProxyProcess.find(files);
        if (proxy.isPresent()) {
            ProxyState routing = proxy.get().admin().routing();
            parts.add("proxy on port " + proxy.get().port() + " (pid "
                    + proxy.get().pid() + ") sends "
                    + routing.weight() + "% to " + routing.canary().version() + " ("
                    + addresses(routing.canary()) + "), the rest to "
                    + routing.stable().version() + " ("
                    + addresses(routing.stable()) + ")");
        } else {
            parts.add("no proxy runs");
        }
        Map<String, List<InstanceRecord>> byVersion = new LinkedHashMap<>();
        for (InstanceRecord record : InstanceGroup.recorded(files.instances())) {
            byVersion.computeIfAbsent(record.version(), v -> new ArrayList<>()).add(record);
        }
        if (byVersion.isEmpty()) parts.add("no instances");
        byVersion.forEach((version, records) -> {
            List<InstanceRecord> ended =
                    records.stream().filter(r -> !r.isRunning()).toList();
            String text = version + ": " + Converged.plural(records.size() - ended.size(), "instance") + " running";
            if (!ended.isEmpty()) {
                text += ", " + ended.size() + " ended ("
                        + ended.stream()
                                .map(r -> "pid " + r.pid() + " on port " + r.port())
                                .collect(Collectors.joining(", "))
                        + ")";
            }
            parts.add(text);
        });
        return String.join("; ", parts);
    }

    /** Stops the proxy and every instance; returns what it stopped. */
    String stop() throws IOException {
        List<String> parts = new ArrayList<>();
        Optional<RunningProxy> proxy = ProxyProcess.find(files);
        if (proxy.isPresent()) {
            ProxyProcess.stop(proxy.get(), files, GRACE);
            parts.add("the proxy on port " + proxy.get().port() + " (pid "
                    + proxy.get().pid() + ")");
        }
        if (Files.exists(files.instances())) {
            InstanceGroup group = InstanceGroup.open(files.instances(), files.logs(), GRACE);
            List<Instance> running = group.instances();
            group.stopAll();
            if (!running.isEmpty()) parts.add(Converged.plural(running.size(), "instance"));
        }
        return parts.isEmpty() ? "nothing ran in " + files.dir() : "stopped " + String.join(" and ", parts);
    }

    private static String addresses(Pool pool) {
        return pool.instances().isEmpty()
                ? "no instances"
                : pool.instances().stream().map(HostPort::toString).collect(Collectors.joining(", "));
    }
}
