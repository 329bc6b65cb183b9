package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.gate.checks.BenchmarkCheck.Better;
import dev.gantry.gate.checks.SarifCheck.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The JUnit, SARIF and JMH readers on input nobody wrote by hand: random bytes, random nesting of JSON and XML at
 * any depth, numbers past any range. Whatever a file holds, each check answers Met, Unmet or Error and never
 * throws, and an error names the file. Inputs are small and tries bounded, so a reader that loops shows as a run
 * that does not end.
 */
class EvidenceReaderProperties {

    private static final String RELEASE = ReportChecksContext.COMMIT;
    private static Path dir;
    private static CheckContext context;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("evidence-readers");
        context = ReportChecksContext.in(dir);
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Property(tries = 200)
    void randomBytesGiveAnAnswerInEveryReader(@ForAll("bytes") byte[] bytes) throws Exception {
        Files.createDirectories(dir.resolve("build/test-results"));
        Files.write(dir.resolve("build/test-results/TEST-a.xml"), bytes);
        Files.write(dir.resolve("scan.sarif"), bytes);
        Files.write(dir.resolve("results.json"), bytes);
        ReportChecksContext.write(dir, "baseline.json", jmhEntry("\"thrpt\"", "1", "\"ops/s\"", "1"));

        answered(junit(), "build/test-results/TEST-a.xml");
        answered(sarif(false), "scan.sarif");
        answered(sarif(true), "scan.sarif");
        answered(jmh("score"), "results.json");
        answered(jmh("p99"), "results.json");
        answered(byPath(), "results.json");
    }

    @Property(tries = 300)
    void randomJsonGivesAnAnswer(@ForAll("sarifLike") String sarif, @ForAll("jmhLike") String jmh) throws Exception {
        ReportChecksContext.write(dir, "scan.sarif", sarif);
        ReportChecksContext.write(dir, "results.json", jmh);
        ReportChecksContext.write(dir, "baseline.json", jmhEntry("\"thrpt\"", "1", "\"ops/s\"", "1"));

        answered(sarif(false), "scan.sarif");
        answered(sarif(true), "scan.sarif");
        answered(jmh("score"), "results.json");
        answered(jmh("p99"), "results.json");
        answered(byPath(), "results.json");
    }

    @Property(tries = 300)
    void randomXmlGivesAnAnswer(@ForAll("junitLike") String xml) throws Exception {
        ReportChecksContext.write(dir, "build/test-results/TEST-a.xml", xml);

        answered(junit(), "build/test-results/TEST-a.xml");
        answered(new JunitCheck(List.of("build/test-results/*.xml"), null, 0, true).evaluate(context), "TEST-a.xml");
    }

    @Property(tries = 60)
    void nestingAtAnyDepthGivesAnAnswer(@ForAll @IntRange(min = 0, max = 5000) int depth) throws Exception {
        ReportChecksContext.write(
                dir,
                "scan.sarif",
                "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [], \"properties\": " + nested(depth) + "}]}");
        ReportChecksContext.write(dir, "results.json", nested(depth));
        ReportChecksContext.write(
                dir,
                "build/test-results/TEST-a.xml",
                "<testsuite><testcase name=\"t\">" + "<x>".repeat(depth) + "<failure/>" + "</x>".repeat(depth)
                        + "</testcase></testsuite>");

        CheckResult scan = sarif(false);
        answered(scan, "scan.sarif");
        answered(jmh("score"), "results.json");
        answered(byPath(), "results.json");
        ReportChecksContext.write(dir, "results.json", "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth));
        answered(jmh("score"), "results.json");
        answered(byPath(), "results.json");
        CheckResult tests = junit();
        answered(tests, "TEST-a.xml");
        // Deep or not, a failed test never passes and a clean scan is judged.
        assertThat(tests.status()).isNotEqualTo(Status.MET);
        if (depth < EvidenceFile.MAX_DEPTH - 3) assertThat(scan.status()).isEqualTo(Status.MET);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    private static CheckResult junit() {
        return new JunitCheck(List.of("build/test-results/*.xml"), null, null, false).evaluate(context);
    }

    private static CheckResult sarif(boolean fresh) {
        return new SarifCheck("scan.sarif", null, Severity.LOW, fresh).evaluate(context);
    }

    private static CheckResult jmh(String metric) {
        return new BenchmarkCheck("results.json", "baseline.json", "b", metric, null, null, null, false)
                .evaluate(context);
    }

    private static CheckResult byPath() {
        return new BenchmarkCheck("results.json", "baseline.json", null, null, "$..score", null, Better.LOWER, false)
                .evaluate(context);
    }

    /** A result of one of the three kinds, with a reason; an error says which file it could not judge. */
    private static void answered(CheckResult result, String file) {
        assertThat(result).isNotNull();
        assertThat(result.status()).isIn(Status.MET, Status.UNMET, Status.ERROR);
        assertThat(result.evidence()).isNotBlank();
        if (result.status() == Status.ERROR) assertThat(result.evidence()).contains(file);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
        // Bytes after a start that looks right reach further into the readers than noise alone.
        Arbitrary<byte[]> prefixed = Combinators.combine(
                        Arbitraries.of(
                                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><testsuite>",
                                "<testsuite><testcase name=\"",
                                "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"kind\": \"",
                                "[{\"benchmark\": \"b\", \"primaryMetric\": {\"score\": "),
                        any)
                .as((start, rest) -> {
                    byte[] head = start.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
                    System.arraycopy(rest, 0, all, head.length, rest.length);
                    return all;
                });
        return Arbitraries.oneOf(any, prefixed);
    }

    @Provide
    Arbitrary<String> sarifLike() {
        Arbitrary<String> result = object(4);
        Arbitrary<String> run = Combinators.combine(
                        Arbitraries.of("", "\"results\": [], ", "\"results\": null, "),
                        result.list().ofMaxSize(4),
                        value(2))
                .as((results, list, provenance) -> "{" + results + "\"results\": [" + String.join(",", list)
                        + "], \"versionControlProvenance\": [{\"revisionId\": " + provenance + "}],"
                        + " \"tool\": {\"driver\": {\"name\": \"t\", \"rules\": [" + String.join(",", list) + "]}}}");
        Arbitrary<String> log = run.list()
                .ofMaxSize(3)
                .map(runs -> "{\"version\": \"2.1.0\", \"runs\": [" + String.join(",", runs) + "]}");
        return Arbitraries.frequencyOf(Tuple.of(3, log), Tuple.of(1, value(5)));
    }

    @Provide
    Arbitrary<String> jmhLike() {
        Arbitrary<String> entry =
                Combinators.combine(value(1), value(2), value(1), value(2)).as(EvidenceReaderProperties::jmhEntry);
        return Arbitraries.frequencyOf(Tuple.of(3, entry), Tuple.of(1, value(5)));
    }

    private static String jmhEntry(String mode, String score, String unit, String p99) {
        return "[{\"benchmark\": \"b\", \"mode\": " + mode + ", \"primaryMetric\": {\"score\": " + score
                + ", \"scoreUnit\": " + unit + ", \"scorePercentiles\": {\"99.0\": " + p99 + "}}}]";
    }

    /** Any JSON value up to {@code depth} levels, from the words and numbers the readers look for. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(numbers(), words(), Arbitraries.of("true", "false", "null"));
        if (depth == 0) return leaf;
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1))
                .list()
                .ofMaxSize(4)
                .map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(2, object(depth)));
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> member = Combinators.combine(keys(), Arbitraries.lazy(() -> value(depth - 1)))
                .as((key, value) -> "\"" + key + "\": " + value);
        return member.list().ofMaxSize(5).map(members -> "{" + String.join(", ", members) + "}");
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.of(
                "version",
                "runs",
                "results",
                "kind",
                "level",
                "ruleId",
                "rule",
                "id",
                "index",
                "ruleIndex",
                "toolComponent",
                "properties",
                "security-severity",
                "defaultConfiguration",
                "locations",
                "physicalLocation",
                "artifactLocation",
                "uri",
                "region",
                "startLine",
                "message",
                "text",
                "arguments",
                "messageStrings",
                "fingerprints",
                "partialFingerprints",
                "suppressions",
                "status",
                "baselineState",
                "versionControlProvenance",
                "revisionId",
                "benchmark",
                "mode",
                "primaryMetric",
                "score",
                "scoreUnit",
                "scorePercentiles",
                "99.0");
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "0",
                        "-0",
                        "1",
                        "-1",
                        "9.9",
                        "10.0001",
                        "1e308",
                        "1e400",
                        "-1e400",
                        "1e-400",
                        "4.9e-324",
                        "NaN",
                        "-Infinity",
                        "2147483648",
                        "-9223372036854775809",
                        "123456789012345678901234567890.5",
                        "9".repeat(1500)),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.integers().map(String::valueOf));
    }

    private static Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                                "2.1.0",
                                "fail",
                                "FAIL",
                                "pass",
                                "open",
                                "review",
                                "notApplicable",
                                "error",
                                "warning",
                                "note",
                                "none",
                                "absent",
                                "accepted",
                                "thrpt",
                                "avgt",
                                "sample",
                                "ss",
                                "ops/s",
                                "us/op",
                                "B/op",
                                "b",
                                "9.8",
                                "-3",
                                "{0} in {1}{0}",
                                RELEASE,
                                "0123456",
                                "")
                        .map(w -> "\"" + w + "\""),
                Arbitraries.strings()
                        .ofMaxLength(12)
                        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    }

    @Provide
    Arbitrary<String> junitLike() {
        Arbitrary<String> document = element(6).list().ofMaxSize(3).map(children -> String.join("", children));
        Arbitrary<String> suite = element(5)
                .list()
                .ofMaxSize(5)
                .map(children -> "<testsuite name=\"s\">" + String.join("", children) + "</testsuite>");
        return Arbitraries.frequencyOf(Tuple.of(3, suite), Tuple.of(1, document));
    }

    /** An XML element up to {@code depth} levels, from JUnit's names in any letters and a few others. */
    private static Arbitrary<String> element(int depth) {
        Arbitrary<String> names = Arbitraries.of(
                "testsuites",
                "testsuite",
                "testcase",
                "failure",
                "error",
                "skipped",
                "Failure",
                "TestCase",
                "ERROR",
                "properties",
                "property",
                "flakyFailure",
                "rerunError",
                "system-out",
                "x");
        Arbitrary<String> attributes = Combinators.combine(
                        Arbitraries.of(
                                "name",
                                "classname",
                                "message",
                                "type",
                                "value",
                                "tests",
                                "failures",
                                "errors",
                                "skipped",
                                "time"),
                        Arbitraries.of(
                                "t",
                                "commit",
                                "git.commit",
                                "revision",
                                RELEASE,
                                "",
                                "&amp;",
                                "&bad;",
                                "<",
                                "\"",
                                "-1",
                                "2147483648",
                                "99999999999999999999",
                                "1e400",
                                "NaN",
                                "9".repeat(1500)))
                .as((key, value) -> " " + key + "=\"" + value + "\"")
                .list()
                .ofMaxSize(3)
                .map(list -> String.join("", list));
        Arbitrary<String> text = Arbitraries.of("", "text", "<![CDATA[x]]>", "&lt;", "\u0000", "]]>");
        if (depth == 0) {
            return Combinators.combine(names, attributes).as((name, attrs) -> "<" + name + attrs + "/>");
        }
        Arbitrary<String> children =
                Arbitraries.lazy(() -> element(depth - 1)).list().ofMaxSize(3).map(list -> String.join("", list));
        return Combinators.combine(names, attributes, text, children)
                .as((name, attrs, body, inner) -> "<" + name + attrs + ">" + body + inner + "</" + name + ">");
    }
}
