package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a report file holds, the report checks answer with a result and never throw; a result that cannot be
 * judged is an error naming the file. Pass rates are exact at the limit and never shown above what they are.
 */
class ReportCheckProperties {

    private static Path dir;
    private static CheckContext context;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("report-checks");
        context = ReportChecksContext.in(dir);
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Property(tries = 300)
    void anyTextInAJunitReportGivesAResult(@ForAll("xmlLike") String text) throws Exception {
        ReportChecksContext.write(dir, "build/test-results/TEST-a.xml", text);
        CheckResult result = new JunitCheck(List.of("build/test-results/*.xml"), null, null, false).evaluate(context);
        if (result.status() == Status.ERROR) assertThat(result.evidence()).startsWith("build/test-results/TEST-a.xml");
    }

    @Property(tries = 300)
    void anyTextInASarifFileGivesAResult(@ForAll("jsonLike") String text) throws Exception {
        ReportChecksContext.write(dir, "scan.sarif", text);
        CheckResult result =
                new SarifCheck("scan.sarif", "scan.sarif", SarifCheck.Severity.LOW, false).evaluate(context);
        // Judged against itself as baseline, no finding is new: only a run that did not analyse can be unmet.
        if (result.status() == Status.ERROR) assertThat(result.evidence()).contains("scan.sarif");
        else if (result.status() == Status.UNMET) assertThat(result.evidence()).containsAnyOf("no runs", "no results");
    }

    @Property(tries = 300)
    void anyTextInABenchmarkFileGivesAResult(@ForAll("jsonLike") String text) throws Exception {
        ReportChecksContext.write(dir, "results.json", text);
        ReportChecksContext.write(dir, "baseline.json", "[{\"benchmark\": \"b\", \"primaryMetric\": {\"score\": 1}}]");
        CheckResult jmh = new BenchmarkCheck("results.json", "baseline.json", "b", "p99", null, null, null, false)
                .evaluate(context);
        CheckResult path = new BenchmarkCheck(
                        "results.json",
                        "baseline.json",
                        null,
                        null,
                        "$..score",
                        null,
                        BenchmarkCheck.Better.LOWER,
                        false)
                .evaluate(context);
        assertThat(jmh.status()).isEqualTo(Status.ERROR);
        assertThat(jmh.evidence()).contains(".json");
        assertThat(path.evidence()).isNotBlank();
    }

    @Property(tries = 3000)
    void thePassRateLimitIsExact(
            @ForAll @IntRange(min = 0, max = 5000) int passed,
            @ForAll @IntRange(min = 0, max = 50) int failed,
            @ForAll @IntRange(min = 0, max = 1000) int limitInTenths) {
        TestCounts counts = new TestCounts(passed + failed, passed, failed, 0, 0);
        Percentage limit = new Percentage(BigDecimal.valueOf(limitInTenths, 1));
        boolean expected = counts.executed() > 0 && (long) passed * 1000 >= (long) limitInTenths * counts.executed();
        assertThat(counts.passRateAtLeast(limit)).isEqualTo(expected);
        if (counts.executed() > 0) {
            BigDecimal shown = counts.passRate();
            assertThat(shown.multiply(BigDecimal.valueOf(counts.executed())))
                    .isLessThanOrEqualTo(BigDecimal.valueOf(passed * 100L));
            if (failed > 0) assertThat(shown).isLessThan(BigDecimal.valueOf(100));
        }
    }

    @Provide
    Arbitrary<String> xmlLike() {
        return Arbitraries.of(
                        "<?xml version=\"1.0\"?>",
                        "<testsuites>",
                        "</testsuites>",
                        "<testsuite name=\"A\">",
                        "<testsuite>",
                        "</testsuite>",
                        "<testcase name=\"t\" classname=\"C\">",
                        "<testcase/>",
                        "</testcase>",
                        "<failure message=\"m\">",
                        "<failure/>",
                        "</failure>",
                        "<error/>",
                        "<skipped/>",
                        "<![CDATA[x]]>",
                        "<!DOCTYPE x>",
                        "&amp;",
                        "&bad;",
                        "<",
                        ">",
                        "\"",
                        "text",
                        "\n",
                        "<project>",
                        "\u0000")
                .list()
                .ofMaxSize(25)
                .map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.of(
                        "{",
                        "}",
                        "[",
                        "]",
                        ",",
                        ":",
                        "\"version\": \"2.1.0\"",
                        "\"runs\": ",
                        "\"results\": ",
                        "\"ruleId\": \"R\"",
                        "\"rule\": {\"index\": 5, \"toolComponent\": {\"index\": -3}}",
                        "\"ruleIndex\": 99",
                        "\"level\": \"error\"",
                        "\"level\": 7",
                        "\"properties\": {\"security-severity\": \"x\"}",
                        "\"security-severity\": 9.9",
                        "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"index\": 4}}}]",
                        "\"message\": {\"id\": \"m\", \"arguments\": [1, null]}",
                        "\"fingerprints\": {\"a\": null}",
                        "\"suppressions\": [1]",
                        "\"benchmark\": \"b\"",
                        "\"primaryMetric\": ",
                        "\"score\": ",
                        "\"scorePercentiles\": {\"99.0\": ",
                        "NaN",
                        "1e400",
                        "-0",
                        "null",
                        "true",
                        "\"text\"",
                        "12.5",
                        " ")
                .list()
                .ofMaxSize(30)
                .map(pieces -> String.join("", pieces));
    }
}
