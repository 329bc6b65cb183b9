package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of a SARIF 2.1.0 log, as Trivy, Grype, Semgrep, CodeQL and most scanners write it. A result is a
 * finding when it is a problem ({@code kind} fail, the default, or review or open, which nobody settled) still
 * present ({@code baselineState} not absent); see {@link SarifFinding} for how its severity is read.
 *
 * @param findings the findings of every run, in the order of the file
 * @param runs how many runs the log has
 * @param notAnalysed the runs without results, such as "runs[1] (Trivy)": SARIF 2.1.0 §3.14.23 says a run whose
 *     {@code results} is absent or null did not run its analysis, while an empty array means it found nothing
 */
record SarifLog(List<SarifFinding> findings, int runs, List<String> notAnalysed) {

    static final String VERSION = "2.1.0";

    SarifLog {
        findings = List.copyOf(findings);
        notAnalysed = List.copyOf(notAnalysed);
    }

    static SarifLog read(EvidenceFile file) throws JsonFiles.Unreadable {
        String name = file.name();
        JsonNode log = JsonFiles.read(file);
        if (!log.isObject()) throw new JsonFiles.Unreadable(name + " is not SARIF: expected a JSON object");
        JsonNode version = log.path("version");
        if (version.isMissingNode()) throw new JsonFiles.Unreadable(name + " is not SARIF: it has no \"version\"");
        if (!VERSION.equals(version.asText())) {
            throw new JsonFiles.Unreadable(name + " is not SARIF " + VERSION + ": its version is " + version
                    + ", expected \"" + VERSION + "\"");
        }
        JsonNode runs = log.path("runs");
        if (!runs.isArray()) throw new JsonFiles.Unreadable(name + " is not SARIF: it has no \"runs\" array");
        List<SarifFinding> findings = new ArrayList<>();
        List<String> notAnalysed = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            JsonNode run = runs.get(r);
            if (!run.isObject())
                throw new JsonFiles.Unreadable(name + " is not SARIF: runs[" + r + "] is not an object");
            JsonNode results = run.path("results");
            if (results.isMissingNode() || results.isNull()) {
                notAnalysed.add(runName(run, r));
                continue;
            }
            if (!results.isArray()) {
                throw new JsonFiles.Unreadable(name + " is not SARIF: runs[" + r + "].results is not an array");
            }
            for (int i = 0; i < results.size(); i++) {
                JsonNode result = results.get(i);
                if (!result.isObject()) {
                    throw new JsonFiles.Unreadable(
                            name + " is not SARIF: runs[" + r + "].results[" + i + "] is not an object");
                }
                SarifFinding.of(run, result, name + ": runs[" + r + "].results[" + i + "]")
                        .ifPresent(findings::add);
            }
        }
        return new SarifLog(findings, runs.size(), notAnalysed);
    }

    /** "runs[1] (Trivy)", or "runs[1]" when the run does not name its tool. */
    private static String runName(JsonNode run, int index) {
        String tool = run.path("tool").path("driver").path("name").asText("").strip();
        return "runs[" + index + "]" + (tool.isEmpty() ? "" : " (" + tool + ")");
    }
}
