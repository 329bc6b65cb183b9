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
 * @param runs the runs of the log, in its order
 */
record SarifLog(List<SarifFinding> findings, List<Run> runs) {

    static final String VERSION = "2.1.0";

    /**
     * One run of a tool.
     *
     * @param name "runs[1] (Trivy)", or "runs[1]" when the run does not name its tool
     * @param analysed false when the run's {@code results} is absent or null: SARIF 2.1.0 §3.14.23 says the tool
     *     then did not run its analysis, while an empty array means it found nothing
     * @param revisions the commits of {@code versionControlProvenance[].revisionId}: what the tool scanned
     */
    record Run(String name, boolean analysed, List<String> revisions) {
        Run {
            revisions = List.copyOf(revisions);
        }
    }

    SarifLog {
        findings = List.copyOf(findings);
        runs = List.copyOf(runs);
    }

    /** The runs that did not run their analysis. */
    List<String> notAnalysed() {
        return runs.stream().filter(r -> !r.analysed()).map(Run::name).toList();
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
        List<Run> read = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            JsonNode run = runs.get(r);
            if (!run.isObject())
                throw new JsonFiles.Unreadable(name + " is not SARIF: runs[" + r + "] is not an object");
            JsonNode results = run.path("results");
            boolean analysed = !results.isMissingNode() && !results.isNull();
            read.add(new Run(runName(run, r), analysed, revisions(run)));
            if (!analysed) continue;
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
        return new SarifLog(findings, read);
    }

    private static List<String> revisions(JsonNode run) {
        List<String> revisions = new ArrayList<>();
        for (JsonNode provenance : run.path("versionControlProvenance")) {
            JsonNode revision = provenance.path("revisionId");
            if (revision.isTextual() && !revision.asText().isBlank()) revisions.add(revision.asText());
        }
        return revisions;
    }

    /** "runs[1] (Trivy)", or "runs[1]" when the run does not name its tool. */
    private static String runName(JsonNode run, int index) {
        String tool = run.path("tool").path("driver").path("name").asText("").strip();
        return "runs[" + index + "]" + (tool.isEmpty() ? "" : " (" + tool + ")");
    }
}
