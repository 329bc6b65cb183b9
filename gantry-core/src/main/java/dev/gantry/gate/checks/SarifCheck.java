package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A security scan's SARIF report has no new findings at or above a severity. New means not in the baseline, a
 * SARIF report of findings accepted before, matched by fingerprint; without a baseline every finding is new.
 */
@Doc("A SARIF 2.1.0 scan report (Trivy, Grype, Semgrep, CodeQL, ...) has no new findings at or above a severity")
public record SarifCheck(
        @Required @Doc("The SARIF file from the repository's top folder, such as build/scan.sarif") String report,
        @Doc("A SARIF file of accepted findings, such as security/baseline.sarif; only findings not in it count")
                String baseline,
        @Doc("The lowest severity that fails the check: critical, high (the default), medium or low") Severity failOn,
        @Doc("Require every run of the report to name the release commit in"
                        + " versionControlProvenance[].revisionId, so that an old scan does not pass")
                boolean fresh)
        implements Check {

    /** How bad a finding is: from the CVSS score of {@code security-severity}, else from the SARIF level. */
    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int MAX_LISTED = 20;

    public SarifCheck {
        if (report == null || report.isBlank()) {
            throw new InvalidValue("report", "expected a SARIF file such as build/scan.sarif, got \"\"");
        }
        if (baseline != null && baseline.isBlank()) {
            throw new InvalidValue("baseline", "expected a SARIF file such as security/baseline.sarif, got \"\"");
        }
        if (failOn == null) failOn = Severity.HIGH;
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        SarifLog log;
        Set<String> accepted = new HashSet<>();
        int baselineCount = 0;
        EvidenceFile reportFile = EvidenceFile.of(context, report);
        String reportName = reportFile.name();
        try {
            log = SarifLog.read(reportFile);
            if (baseline != null) {
                List<SarifFinding> old =
                        SarifLog.read(EvidenceFile.of(context, baseline)).findings();
                old.forEach(f -> accepted.add(f.fingerprint()));
                baselineCount = old.size();
            }
        } catch (JsonFiles.Unreadable e) {
            return CheckResult.error(e.getMessage());
        }
        List<SarifFinding> findings = log.findings();
        List<SarifFinding> unaccepted = findings.stream()
                .filter(f -> f.severity().compareTo(failOn) >= 0)
                .filter(f -> !f.suppressed() && !accepted.contains(f.fingerprint()))
                .sorted(Comparator.comparing(SarifFinding::severity).reversed())
                .toList();
        int suppressed =
                (int) findings.stream().filter(SarifFinding::suppressed).count();
        String evidence = count(findings.size(), "finding") + ", " + unaccepted.size() + " new at " + failOn.label()
                + (failOn == Severity.CRITICAL ? "" : " or above")
                + (baseline == null ? " (no baseline)" : " (baseline " + baselineCount + ")")
                + (suppressed == 0 ? "" : "; " + suppressed + " suppressed");
        List<String> shortfalls = new ArrayList<>(notAnalysed(log, reportName));
        Map<String, Object> facts = facts(
                findings,
                unaccepted.size(),
                baselineCount,
                suppressed,
                log.runs().size());
        if (fresh && !log.runs().isEmpty()) {
            Freshness freshness = freshness(log, context.commit());
            if (!freshness.fresh()) shortfalls.add(freshness.evidence());
            else evidence += "; " + freshness.evidence();
            facts.put("fresh", freshness.fresh());
        }
        if (!shortfalls.isEmpty()) evidence += "; " + String.join("; ", shortfalls);
        CheckResult result =
                unaccepted.isEmpty() && shortfalls.isEmpty() ? CheckResult.met(evidence) : CheckResult.unmet(evidence);
        return result.withDetails(listed(unaccepted)).withFacts(facts);
    }

    /** Fresh when every run scanned the release commit; the first run that did not says why. */
    private static Freshness freshness(SarifLog log, String commit) {
        for (SarifLog.Run run : log.runs()) {
            Freshness of =
                    Freshness.ofRevisions(run.name(), "versionControlProvenance[].revisionId", run.revisions(), commit);
            if (!of.fresh()) return of;
        }
        String what = log.runs().size() == 1 ? "the run" : "all " + log.runs().size() + " runs";
        return Freshness.fresh(what + " scanned the release commit " + Freshness.abbreviated(commit));
    }

    /** A log without runs, or with a run that has no results, is no evidence that the code was scanned. */
    private static List<String> notAnalysed(SarifLog log, String name) {
        if (log.runs().isEmpty()) return List.of(name + " has no runs: no scan ran");
        List<String> runs = log.notAnalysed();
        if (runs.isEmpty()) return List.of();
        String listed = runs.size() == 1
                ? runs.get(0) + " has"
                : String.join(", ", runs.subList(0, runs.size() - 1)) + " and " + runs.get(runs.size() - 1) + " have";
        return List.of(listed + " no results: the tool did not run its analysis");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<String> listed(List<SarifFinding> unaccepted) {
        List<String> lines = new ArrayList<>(
                unaccepted.stream().limit(MAX_LISTED).map(SarifFinding::line).toList());
        if (unaccepted.size() > MAX_LISTED) lines.add("and " + (unaccepted.size() - MAX_LISTED) + " more");
        return lines;
    }

    private Map<String, Object> facts(
            List<SarifFinding> findings, int unaccepted, int baselineCount, int suppressed, int runs) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) bySeverity.put(s, 0);
        findings.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        Map<String, Object> facts = new TreeMap<>();
        facts.put("findings", findings.size());
        bySeverity.forEach((s, n) -> facts.put(s.label(), n));
        facts.put("new", unaccepted);
        facts.put("suppressed", suppressed);
        facts.put("failOn", failOn.label());
        facts.put("runs", runs);
        if (baseline != null) facts.put("baseline", baselineCount);
        return facts;
    }

    @Override
    public String describe() {
        String at = failOn.label() + (failOn == Severity.CRITICAL ? "" : " or above");
        String what = baseline == null
                ? "SARIF " + report + " has no findings at " + at
                : "SARIF " + report + " has no findings at " + at + " beyond baseline " + baseline;
        return fresh ? what + ", scanned at the release commit" : what;
    }
}
