package dev.gantry.local.rollout;

import dev.gantry.local.process.Instance;
import dev.gantry.local.proxy.RunningProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one action left running and what it had to do for it: the instances it found from an earlier call (after
 * a crash, the same step again) and those it started, the proxy, and what it stopped.
 *
 * @param proxyChange how the proxy came to be: started, found, replaced, stopped, or none
 */
record Converged(
        Layout layout,
        List<Instance> stable,
        int stableStarted,
        List<Instance> canary,
        int canaryStarted,
        List<Instance> stopped,
        Optional<RunningProxy> proxy,
        String proxyChange) {

    Converged {
        stable = List.copyOf(stable);
        canary = List.copyOf(canary);
        stopped = List.copyOf(stopped);
    }

    /** One line: each version and its instances, the weight, the proxy, and what was stopped. */
    String summary() {
        List<String> parts = new ArrayList<>();
        if (layout.stable().isEmpty()) {
            parts.add("nothing runs any more");
        } else {
            String role = layout.canary().isEmpty() ? " has all the traffic" : " stable";
            parts.add(layout.stable().get() + role + " on " + instances(stable, stableStarted));
        }
        layout.canary()
                .ifPresent(version ->
                        parts.add(version + " at " + layout.weight() + "% on " + instances(canary, canaryStarted)));
        if (proxy.isPresent()) {
            parts.add("proxy on port " + proxy.get().port() + " (pid "
                    + proxy.get().pid() + ", " + proxyChange + ")");
        } else if (proxyChange.equals("stopped")) {
            parts.add("proxy stopped");
        }
        if (!stopped.isEmpty()) parts.add("stopped " + counted(stopped));
        return String.join("; ", parts);
    }

    /** Numbers and names for the run log and the report. */
    Map<String, Object> facts(String stepId) {
        Map<String, Object> facts = new TreeMap<>();
        facts.put("stepId", stepId);
        layout.stable().ifPresent(v -> facts.put("stable", v));
        layout.canary().ifPresent(v -> facts.put("canary", v));
        facts.put("weight", layout.weight());
        facts.put("stablePorts", ports(stable));
        facts.put("canaryPorts", ports(canary));
        facts.put("started", stableStarted + canaryStarted);
        facts.put("stopped", stopped.size());
        proxy.ifPresent(p -> {
            facts.put("proxyPid", p.pid());
            facts.put("port", p.port());
        });
        return facts;
    }

    private static String instances(List<Instance> instances, int started) {
        int found = instances.size() - started;
        String how = started == 0
                ? found == 0 ? "" : " (" + found + " found running)"
                : found == 0 ? " (" + started + " started)" : " (" + found + " found running, " + started + " started)";
        return plural(instances.size(), "instance") + portList(instances) + how;
    }

    private static String counted(List<Instance> instances) {
        Map<String, Integer> byVersion = new LinkedHashMap<>();
        instances.forEach(i -> byVersion.merge(i.version(), 1, Integer::sum));
        return byVersion.entrySet().stream()
                .map(e -> plural(e.getValue(), "instance") + " of " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String portList(List<Instance> instances) {
        if (instances.isEmpty()) return "";
        String ports = instances.stream().map(i -> Integer.toString(i.port())).collect(Collectors.joining(", "));
        return (instances.size() == 1 ? " on port " : " on ports ") + ports;
    }

    private static String ports(List<Instance> instances) {
        return instances.stream().map(i -> Integer.toString(i.port())).collect(Collectors.joining(","));
    }

    static String plural(int count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }
}
