package dev.gantry.rollout;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a target action did.
 *
 * @param message one line: what was done, or what went wrong and where
 * @param output what the action printed, kept for the run log (stdout and stderr, each line marked)
 * @param facts numbers and names for the report (exit code, bytes printed, duration), in key order
 */
public record TargetResult(Status status, String message, List<String> output, Map<String, Object> facts) {

    public enum Status {
        DONE,
        FAILED
    }

    public TargetResult {
        output = List.copyOf(output);
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public static TargetResult done(String message) {
        return new TargetResult(Status.DONE, message, List.of(), Map.of());
    }

    public static TargetResult failed(String message) {
        return new TargetResult(Status.FAILED, message, List.of(), Map.of());
    }

    public boolean ok() {
        return status == Status.DONE;
    }
}
