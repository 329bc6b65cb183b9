package dev.gantry.gate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a check found.
 *
 * @param evidence one line for the gate table: counts, the file and section, the status code
 * @param details more lines for the document: the failed tests, the new findings, the output's tail
 * @param facts numbers and names for the report (per-suite test counts, ...), kept in key order so output is stable
 */
public record CheckResult(Status status, String evidence, List<String> details, Map<String, Object> facts) {

    public enum Status {
        MET,
        UNMET,
        ERROR;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CheckResult {
        details = List.copyOf(details);
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public static CheckResult met(String evidence) {
        return new CheckResult(Status.MET, evidence, List.of(), Map.of());
    }

    public static CheckResult unmet(String evidence) {
        return new CheckResult(Status.UNMET, evidence, List.of(), Map.of());
    }

    /** The check could not run; never a pass. */
    public static CheckResult error(String evidence) {
        return new CheckResult(Status.ERROR, evidence, List.of(), Map.of());
    }

    public CheckResult withDetails(List<String> more) {
        return new CheckResult(status, evidence, more, facts);
    }

    public CheckResult withFacts(Map<String, Object> more) {
        return new CheckResult(status, evidence, details, more);
    }
}
