package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML reports found by globs pass at a minimum rate: the passed share of the tests that ran, skipped tests
 * aside. Every glob must match a file and every file must be a JUnit report; otherwise the check cannot tell and
 * says so as an error.
 */
@Doc("JUnit XML test reports (Surefire, Gradle, pytest, ...) pass at a minimum rate")
public record JunitCheck(
        @Required
                @Doc("Globs of the report files from the repository's top folder, such as"
                        + " build/test-results/**/*.xml: * and ? stay within a folder, ** crosses folders")
                List<String> reports,
        @Doc("The share of the tests that ran, skipped ones aside, that must pass, such as 95%; 100% by default")
                Percentage minPassRate,
        @Doc("At most this many tests may be skipped; any number when absent") Integer maxSkipped,
        @Doc("Require every report to name the release commit in a <property> named commit, git.commit or"
                        + " revision, so that reports of an old build do not pass")
                boolean fresh)
        implements Check {

    private static final int MAX_LISTED = 20;
    private static final String COMMIT_PLACE = "a <property> named commit, git.commit or revision";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public JunitCheck {
        reports = reports == null ? List.of() : List.copyOf(reports);
        if (reports.isEmpty()) {
            throw new InvalidValue("reports", "expected at least one glob such as build/test-results/**/*.xml");
        }
        for (String glob : reports) {
            if (glob.isBlank()) {
                throw new InvalidValue("reports", "expected a glob such as build/test-results/**/*.xml, got \"\"");
            }
        }
        if (minPassRate == null) minPassRate = Percentage.HUNDRED;
        if (minPassRate.exceeds(HUNDRED)) {
            throw new InvalidValue(
                    "minPassRate", "expected a percentage between 0 and 100, got \"" + minPassRate + "\"");
        }
        if (maxSkipped != null && maxSkipped < 0) {
            throw new InvalidValue("maxSkipped", "expected 0 or more, got " + maxSkipped);
        }
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        Map<String, Path> files = new TreeMap<>();
        for (String glob : reports) {
            List<Path> matched;
            try {
                matched = ReportFiles.matching(context, glob);
            } catch (IOException e) {
                return CheckResult.error("cannot list the files of \"" + glob + "\": " + ReportFiles.reason(e));
            }
            if (matched.isEmpty()) return CheckResult.error("no file matches \"" + glob + "\"");
            matched.forEach(file -> files.put(ReportFiles.shown(context, file), file));
        }
        List<JunitReport.TestCase> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Freshness> freshness = new ArrayList<>();
        files.forEach((name, file) -> {
            try {
                JunitReport report = JunitReport.read(EvidenceFile.of(context, file));
                cases.addAll(report.cases());
                freshness.add(Freshness.ofRevisions(name, COMMIT_PLACE, report.commits(), context.commit()));
            } catch (JunitReport.Unreadable e) {
                problems.add(name + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
            } catch (EvidenceFile.Refused e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add("cannot read " + name + ": " + ReportFiles.reason(e));
            }
        });
        if (!problems.isEmpty()) {
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
            return CheckResult.error(problems.get(0) + more).withDetails(problems.size() > 1 ? problems : List.of());
        }
        return judge(cases, files.size(), fresh ? freshness : List.of());
    }

    /** {@code freshness} has one entry a file when the check is asked to be fresh, else none. */
    private CheckResult judge(List<JunitReport.TestCase> cases, int fileCount, List<Freshness> freshness) {
        TestCounts total = TestCounts.NONE;
        Map<String, TestCounts> suites = new TreeMap<>();
        for (JunitReport.TestCase c : cases) {
            total = total.plus(c.outcome());
            suites.merge(c.suite(), TestCounts.NONE.plus(c.outcome()), (a, b) -> a.plus(c.outcome()));
        }
        List<String> shortfalls = new ArrayList<>();
        if (total.executed() == 0) {
            shortfalls.add("no test ran");
        } else if (!total.passRateAtLeast(minPassRate)) {
            shortfalls.add("pass rate below " + minPassRate);
        }
        if (maxSkipped != null && total.skipped() > maxSkipped) {
            shortfalls.add(total.skipped() + " skipped, at most " + maxSkipped + " allowed");
        }
        List<Freshness> stale = freshness.stream().filter(f -> !f.fresh()).toList();
        if (!stale.isEmpty()) {
            String more = stale.size() > 1 ? " (and " + (stale.size() - 1) + " more not fresh)" : "";
            shortfalls.add(stale.get(0).evidence() + more);
        }
        String evidence = evidence(total, fileCount);
        if (!freshness.isEmpty() && stale.isEmpty()) evidence += "; every report names the release commit";
        CheckResult result = shortfalls.isEmpty()
                ? CheckResult.met(evidence)
                : CheckResult.unmet(evidence + "; " + String.join("; ", shortfalls));
        List<String> details = new ArrayList<>(failures(cases));
        if (stale.size() > 1) stale.stream().limit(MAX_LISTED).forEach(f -> details.add(f.evidence()));
        Map<String, Object> facts = facts(total, suites, fileCount);
        if (!freshness.isEmpty()) facts.put("fresh", stale.isEmpty());
        return result.withDetails(details).withFacts(facts);
    }

    private static String evidence(TestCounts total, int fileCount) {
        StringBuilder line = new StringBuilder();
        line.append(total.tests()).append(total.tests() == 1 ? " test, " : " tests, ");
        line.append(total.passed()).append(" passed, ");
        line.append(total.failed()).append(" failed");
        if (total.errors() > 0) {
            line.append(" (").append(total.errors()).append(total.errors() == 1 ? " error)" : " errors)");
        }
        line.append(", ").append(total.skipped()).append(" skipped");
        if (total.executed() > 0) {
            line.append(" (").append(total.passRate().toPlainString()).append("% pass)");
        }
        line.append(" in ").append(fileCount).append(fileCount == 1 ? " file" : " files");
        return line.toString();
    }

    private static List<String> failures(List<JunitReport.TestCase> cases) {
        List<String> failed = cases.stream()
                .filter(c -> c.outcome() == JunitReport.Outcome.FAILED || c.outcome() == JunitReport.Outcome.ERROR)
                .map(c -> c.suite() + " > " + c.name() + ": " + c.message())
                .toList();
        if (failed.size() <= MAX_LISTED) return failed;
        List<String> listed = new ArrayList<>(failed.subList(0, MAX_LISTED));
        listed.add("and " + (failed.size() - MAX_LISTED) + " more");
        return listed;
    }

    /** The facts the report's test status table reads back through {@link JunitFacts}: keys are its field names. */
    private static Map<String, Object> facts(TestCounts total, Map<String, TestCounts> suites, int fileCount) {
        Map<String, Object> facts = new TreeMap<>();
        facts.put("tests", total.tests());
        facts.put("passed", total.passed());
        facts.put("failed", total.failed());
        facts.put("errors", total.errors());
        facts.put("skipped", total.skipped());
        facts.put("files", fileCount);
        if (total.executed() > 0) facts.put("passRate", total.passRate().doubleValue());
        List<Map<String, Object>> rows = new ArrayList<>();
        suites.forEach((name, counts) -> rows.add(counts.row(name)));
        facts.put("suites", List.copyOf(rows));
        return facts;
    }

    @Override
    public String describe() {
        String skipped = maxSkipped == null ? "" : ", at most " + maxSkipped + " skipped";
        String made = fresh ? ", made from the release commit" : "";
        return "JUnit reports " + String.join(", ", reports) + " pass ≥ " + minPassRate + skipped + made;
    }
}
