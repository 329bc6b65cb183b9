package dev.gantry.gate.checks;

import static dev.gantry.gate.checks.ReportChecksContext.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The junit check on real report files, in the shapes Surefire, Gradle and pytest write. */
class JunitCheckTest {

    private static final String GLOB = "build/test-results/**/*.xml";

    @TempDir
    java.nio.file.Path dir;

    private CheckContext context;

    @BeforeEach
    void context() {
        context = ReportChecksContext.in(dir);
    }

    private CheckResult check(String minPassRate, Integer maxSkipped) {
        return check(List.of(GLOB), minPassRate, maxSkipped);
    }

    private CheckResult check(List<String> globs, String minPassRate, Integer maxSkipped) {
        Percentage rate = minPassRate == null ? null : Percentage.parse(minPassRate);
        return new JunitCheck(globs, rate, maxSkipped, false).evaluate(context);
    }

    /** A Surefire report of one class: {@code passed} passing tests, then the given extra test cases. */
    private static String surefire(String suite, int passed, String... extra) {
        String cases = IntStream.range(0, passed)
                .mapToObj(i -> "  <testcase name=\"passes" + i + "\" classname=\"" + suite + "\" time=\"0.01\"/>\n")
                .collect(Collectors.joining());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" name=\"" + suite
                + "\" time=\"1.2\" tests=\"" + (passed + extra.length)
                + "\" errors=\"0\" skipped=\"0\" failures=\"0\">\n"
                + "  <properties><property name=\"java.version\" value=\"17\"/></properties>\n"
                + cases
                + String.join("\n", extra)
                + "\n</testsuite>\n";
    }

    /** A failed test case as Surefire writes it, the message escaped as XML. */
    private static String failing(String name, String message) {
        String escaped = message.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
        return "  <testcase name=\"" + name + "\" classname=\"x\" time=\"0.1\">\n"
                + "    <failure message=\"" + escaped + "\" type=\"org.opentest4j.AssertionFailedError\">"
                + "org.opentest4j.AssertionFailedError: " + escaped + "\n\tat dev.shop.X.test(X.java:12)\n"
                + "    </failure>\n    <system-out><![CDATA[log line]]></system-out>\n  </testcase>";
    }

    private static String skipped(String name) {
        return "  <testcase name=\"" + name
                + "\" classname=\"x\" time=\"0\"><skipped message=\"disabled\"/></testcase>";
    }

    @Test
    void allPassingReportsAreMetWithTheirCounts() throws Exception {
        write(dir, "build/test-results/test/TEST-dev.shop.CartTest.xml", surefire("dev.shop.CartTest", 3));
        write(dir, "build/test-results/test/TEST-dev.shop.OrderTest.xml", surefire("dev.shop.OrderTest", 2));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("5 tests, 5 passed, 0 failed, 0 skipped (100.0% pass) in 2 files");
        assertThat(result.details()).isEmpty();
        assertThat(result.facts())
                .containsEntry("tests", 5)
                .containsEntry("passed", 5)
                .containsEntry("failed", 0)
                .containsEntry("errors", 0)
                .containsEntry("skipped", 0)
                .containsEntry("files", 2)
                .containsEntry("passRate", 100.0);
    }

    @Test
    void aFailedTestIsUnmetAtTheDefaultHundredPercentAndListed() throws Exception {
        write(
                dir,
                "build/test-results/test/TEST-dev.shop.CartTest.xml",
                surefire("dev.shop.CartTest", 845, failing("totalsIncludeTax", "expected: <12.0> but was: <10.0>")));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("846 tests, 845 passed, 1 failed, 0 skipped (99.8% pass) in 1 file; pass rate below 100%");
        assertThat(result.details())
                .containsExactly("dev.shop.CartTest > totalsIncludeTax: expected: <12.0> but was: <10.0>");
    }

    @Test
    void theRateIsComparedExactlyAtTheLimit() throws Exception {
        String failure = failing("flaky", "boom");
        write(dir, "build/test-results/a.xml", surefire("A", 19, failure));
        assertThat(check("95%", null).status()).isEqualTo(Status.MET);
        assertThat(check("95.1%", null).status()).isEqualTo(Status.UNMET);

        write(dir, "build/test-results/a.xml", surefire("A", 999, failure));
        assertThat(check("99.9%", null).status()).isEqualTo(Status.MET);
        write(dir, "build/test-results/a.xml", surefire("A", 998, failure, failing("other", "boom")));
        assertThat(check("99.9%", null).status()).isEqualTo(Status.UNMET);
    }

    @Test
    void skippedTestsDoNotCountAgainstThePassRate() throws Exception {
        write(dir, "build/test-results/test/a.xml", surefire("A", 845, skipped("later"), skipped("never")));

        CheckResult result = check("100%", null);

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("847 tests, 845 passed, 0 failed, 2 skipped (100.0% pass) in 1 file");
    }

    @Test
    void moreSkippedThanAllowedIsUnmet() throws Exception {
        write(dir, "build/test-results/test/a.xml", surefire("A", 5, skipped("s1"), skipped("s2"), skipped("s3")));

        assertThat(check(null, 3).status()).isEqualTo(Status.MET);
        CheckResult result = check(null, 2);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("8 tests, 5 passed, 0 failed, 3 skipped (100.0% pass) in 1 file; 3 skipped, at most 2"
                        + " allowed");
    }

    @Test
    void errorsAreFailuresAndSaidSo() throws Exception {
        String error = "<testcase name=\"connects\" classname=\"dev.shop.DbTest\">"
                + "<error message=\"Connection refused\" type=\"java.net.ConnectException\">trace</error></testcase>";
        write(dir, "build/test-results/a.xml", surefire("dev.shop.DbTest", 2, error));

        CheckResult result = check("50%", null);

        assertThat(result.evidence())
                .isEqualTo("3 tests, 2 passed, 1 failed (1 error), 0 skipped (66.6% pass) in 1 file");
        assertThat(result.details()).containsExactly("dev.shop.DbTest > connects: Connection refused");
        assertThat(result.facts()).containsEntry("failed", 1).containsEntry("errors", 1);
    }

    @Test
    void aFailureWithoutMessageShowsTheFirstLineOfItsText() throws Exception {
        String bare = "<testcase name=\"t\"><failure>\n  java.lang.AssertionError: sizes differ\n"
                + "\tat X.t(X.java:3)</failure></testcase>";
        String empty = "<testcase name=\"u\"><failure/></testcase>";
        write(dir, "build/test-results/a.xml", surefire("A", 0, bare, empty));

        assertThat(check("0%", null).details())
                .containsExactly("A > t: java.lang.AssertionError: sizes differ", "A > u: failed");
    }

    @Test
    void surefireRerunsCountByTheirFinalOutcome() throws Exception {
        String flaky = "<testcase name=\"flaky\" classname=\"A\">"
                + "<flakyFailure message=\"first run failed\" type=\"AssertionError\"/></testcase>";
        String alwaysFails = "<testcase name=\"broken\" classname=\"A\">"
                + "<failure message=\"run 1\" type=\"AssertionError\"/>"
                + "<rerunFailure message=\"run 2\" type=\"AssertionError\"/></testcase>";
        write(dir, "build/test-results/a.xml", surefire("A", 1, flaky, alwaysFails));

        CheckResult result = check("0%", null);

        assertThat(result.evidence()).startsWith("3 tests, 2 passed, 1 failed, 0 skipped");
        assertThat(result.details()).containsExactly("A > broken: run 1");
    }

    @Test
    void testsuitesRootsAreReadAndSuitesMergeAcrossFiles() throws Exception {
        // pytest and Gradle aggregate reports: several suites under <testsuites>.
        write(
                dir,
                "build/test-results/py/results.xml",
                """
                <?xml version="1.0" encoding="utf-8"?>
                <testsuites name="pytest tests">
                  <testsuite name="tests.test_cart" errors="0" failures="1" skipped="1" tests="3">
                    <testcase classname="tests.test_cart" name="test_add"/>
                    <testcase classname="tests.test_cart" name="test_total">
                      <failure message="assert 10 == 12">tests/test_cart.py:9: AssertionError</failure>
                    </testcase>
                    <testcase classname="tests.test_cart" name="test_later">
                      <skipped type="pytest.skip" message="not yet">tests/test_cart.py:14: not yet</skipped>
                    </testcase>
                  </testsuite>
                  <testsuite name="tests.test_api" tests="1">
                    <testcase classname="tests.test_api" name="test_ping"/>
                  </testsuite>
                </testsuites>
                """);
        write(dir, "build/test-results/py/more.xml", surefire("tests.test_api", 2));

        CheckResult result = check("50%", null);

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("6 tests, 4 passed, 1 failed, 1 skipped (80.0% pass) in 2 files");
        assertThat(result.details()).containsExactly("tests.test_cart > test_total: assert 10 == 12");
        assertThat(result.facts().get("suites"))
                .isEqualTo(List.of(
                        Map.of(
                                "suite",
                                "tests.test_api",
                                "tests",
                                3,
                                "passed",
                                3,
                                "failed",
                                0,
                                "errors",
                                0,
                                "skipped",
                                0),
                        Map.of(
                                "suite",
                                "tests.test_cart",
                                "tests",
                                3,
                                "passed",
                                1,
                                "failed",
                                1,
                                "errors",
                                0,
                                "skipped",
                                1)));
    }

    @Test
    void casesOfUnnamedSuitesGoUnderTheirClass() throws Exception {
        write(
                dir,
                "build/test-results/a.xml",
                "<testsuites><testsuite><testcase classname=\"dev.A\" name=\"x\"><failure message=\"m\"/></testcase>"
                        + "</testsuite></testsuites>");
        assertThat(check(null, null).details()).containsExactly("dev.A > x: m");
    }

    @Test
    void atMostTwentyFailuresAreListed() throws Exception {
        String[] failures = IntStream.range(0, 25)
                .mapToObj(i -> failing(String.format("t%02d", i), "no " + i))
                .toArray(String[]::new);
        write(dir, "build/test-results/a.xml", surefire("A", 0, failures));

        List<String> details = check(null, null).details();

        assertThat(details).hasSize(21);
        assertThat(details.get(0)).isEqualTo("A > t00: no 0");
        assertThat(details.get(19)).isEqualTo("A > t19: no 19");
        assertThat(details.get(20)).isEqualTo("and 5 more");
    }

    @Test
    void onlyFilesMatchingTheGlobAreRead() throws Exception {
        write(dir, "build/test-results/test/TEST-A.xml", surefire("A", 1));
        write(dir, "build/test-results/TEST-B.xml", surefire("B", 1));
        write(dir, "build/test-results/test/binary/output.bin", "not xml");
        write(dir, "build/test-results/test/notes.txt", "<project/>");
        write(dir, "build/reports/TEST-C.xml", "<project/>");

        CheckResult result = check(null, null);

        assertThat(result.evidence()).isEqualTo("2 tests, 2 passed, 0 failed, 0 skipped (100.0% pass) in 2 files");
    }

    @Test
    void severalGlobsAreReadOnceEach() throws Exception {
        write(dir, "app/target/surefire-reports/TEST-A.xml", surefire("A", 2));
        write(dir, "lib/target/surefire-reports/TEST-B.xml", surefire("B", 3));

        CheckResult result = check(List.of("*/target/surefire-reports/*.xml", "app/target/**/TEST-A.xml"), null, null);

        assertThat(result.evidence()).isEqualTo("5 tests, 5 passed, 0 failed, 0 skipped (100.0% pass) in 2 files");
    }

    @Test
    void theGlobMayNameTheRelease() throws Exception {
        write(dir, "reports/1.4.0/TEST-A.xml", surefire("A", 1));
        assertThat(check(List.of("reports/{version}/*.xml"), null, null).status())
                .isEqualTo(Status.MET);
    }

    @Test
    void aGlobMatchingNothingIsAnErrorNamingIt() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 1));

        CheckResult result = check(List.of(GLOB, "build/it-results/**/*.xml"), null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("no file matches \"build/it-results/**/*.xml\"");
        assertThat(check(List.of("build/test-results/missing.xml"), null, null).evidence())
                .isEqualTo("no file matches \"build/test-results/missing.xml\"");
    }

    @Test
    void malformedXmlIsAnErrorNamingTheFileAndLine() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 1));
        write(dir, "build/test-results/b.xml", "<testsuite name=\"B\">\n  <testcase name=\"x\">\n</testsuite>\n");

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).startsWith("build/test-results/b.xml:3: malformed XML: ");
        assertThat(result.evidence()).contains("testcase");
    }

    @Test
    void aJunitElementInOtherLettersIsAnErrorNamingIt() throws Exception {
        String shouted = "  <testcase name=\"broken\" classname=\"A\">\n    <Failure message=\"boom\"/>\n  </testcase>";
        write(dir, "build/test-results/a.xml", surefire("A", 2, shouted));

        CheckResult result = check("0%", null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/a.xml:7: <Failure> is not a JUnit element: JUnit's names are"
                        + " lowercase, expected <failure>");

        for (String element : List.of("ERROR", "Skipped", "TestCase")) {
            write(dir, "build/test-results/a.xml", surefire("A", 2, "<" + element + "/>"));
            assertThat(check("0%", null).evidence()).as(element).contains("<" + element + "> is not a JUnit element");
        }
    }

    @Test
    void aFailureOutsideATestCaseIsAnError() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 2, "  <failure message=\"suite setup failed\"/>"));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/a.xml:6: <failure> outside a <testcase>: it belongs to no test");
    }

    @Test
    void aSymlinkedReportInsideTheRepositoryIsRead() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 3));
        write(dir, "build/runs/42/TEST-B.xml", surefire("B", 1, failing("broken", "boom")));
        Files.createSymbolicLink(dir.resolve("build/test-results/b.xml"), dir.resolve("build/runs/42/TEST-B.xml"));
        Files.createSymbolicLink(dir.resolve("build/test-results/latest"), dir.resolve("build/runs/42"));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("5 tests, 4 passed, 1 failed, 0 skipped (80.0% pass) in 2 files; pass rate below 100%");
        assertThat(result.details()).containsExactly("B > broken: boom");
    }

    @Test
    void aSymlinkOutOfTheRepositoryIsAnErrorNamingIt() throws Exception {
        java.nio.file.Path repo = dir.resolve("repo");
        java.nio.file.Path elsewhere = dir.resolve("elsewhere");
        write(repo, "build/test-results/a.xml", surefire("A", 3));
        write(elsewhere, "TEST-B.xml", surefire("B", 1));
        Files.createSymbolicLink(repo.resolve("build/test-results/b.xml"), elsewhere.resolve("TEST-B.xml"));
        CheckContext inRepo = ReportChecksContext.in(repo);

        CheckResult file = new JunitCheck(List.of(GLOB), null, null, false).evaluate(inRepo);

        assertThat(file.status()).isEqualTo(Status.ERROR);
        assertThat(file.evidence())
                .isEqualTo("build/test-results/b.xml is a symlink to "
                        + elsewhere.toRealPath().resolve("TEST-B.xml")
                        + ", outside the repository: evidence is read from the repository only");

        Files.delete(repo.resolve("build/test-results/b.xml"));
        Files.createSymbolicLink(repo.resolve("build/test-results/other"), elsewhere);
        CheckResult folder = new JunitCheck(List.of(GLOB), null, null, false).evaluate(inRepo);
        assertThat(folder.status()).isEqualTo(Status.ERROR);
        assertThat(folder.evidence()).startsWith("build/test-results/other is a symlink to ");
        assertThat(new JunitCheck(List.of("build/test-results/*.xml"), null, null, false)
                        .evaluate(inRepo)
                        .status())
                .as("a folder the glob cannot reach into is not read")
                .isEqualTo(Status.MET);
    }

    @Test
    void aDanglingSymlinkIsAnError() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 3));
        Files.createSymbolicLink(dir.resolve("build/test-results/b.xml"), dir.resolve("build/gone.xml"));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/b.xml is a symlink to " + dir.resolve("build/gone.xml")
                        + ", which does not exist");
    }

    @Test
    void aSymlinkLoopIsWalkedOnce() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 3));
        Files.createSymbolicLink(dir.resolve("build/test-results/again"), dir.resolve("build/test-results"));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("3 tests, 3 passed, 0 failed, 0 skipped (100.0% pass) in 1 file");
    }

    @Test
    void aSpecialFileIsRefusedByItsKindWithoutOpeningIt() throws Exception {
        write(dir, "build/test-results/a.xml", surefire("A", 3));
        ReportChecksContext.fifo(dir.resolve("build/test-results/b.xml"));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/b.xml is a FIFO (named pipe), expected a JUnit XML report; refused"
                        + " without opening it");
    }

    @Test
    void aReportTooLargeToReadIsRefused() throws Exception {
        ReportChecksContext.sparse(dir.resolve("build/test-results/a.xml"), EvidenceFile.MAX_BYTES + 1);

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/a.xml has 67108865 bytes, more than the 64 MiB a check reads of one"
                        + " file");
    }

    @Test
    void aReportNestedTooDeepIsRefused() throws Exception {
        String deep = "<x>".repeat(EvidenceFile.MAX_DEPTH) + "</x>".repeat(EvidenceFile.MAX_DEPTH);
        write(dir, "build/test-results/a.xml", surefire("A", 1, deep));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/a.xml:5: nested deeper than 200 elements, more than a check reads");
    }

    /** A passing Surefire report whose properties name the tested commit under {@code property}. */
    private static String tested(String suite, String property, String commit) {
        return surefire(suite, 2)
                .replace("<properties>", "<properties><property name=\"" + property + "\" value=\"" + commit + "\"/>");
    }

    @Test
    void freshReportsNameTheReleaseCommit() throws Exception {
        String release = ReportChecksContext.COMMIT;
        write(dir, "build/test-results/a.xml", tested("A", "commit", release));
        write(dir, "build/test-results/b.xml", tested("B", "git.commit", release.substring(0, 10)));
        write(dir, "build/test-results/c.xml", tested("C", "revision", release.toUpperCase(java.util.Locale.ROOT)));
        JunitCheck fresh = new JunitCheck(List.of(GLOB), null, null, true);

        CheckResult result = fresh.evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence())
                .isEqualTo("6 tests, 6 passed, 0 failed, 0 skipped (100.0% pass) in 3 files; every report names the"
                        + " release commit");
        assertThat(result.facts()).containsEntry("fresh", true);

        write(dir, "build/test-results/b.xml", tested("B", "git.commit", "fedcba9876543210"));
        write(dir, "build/test-results/c.xml", surefire("C", 2));
        CheckResult stale = fresh.evaluate(context);
        assertThat(stale.status()).isEqualTo(Status.UNMET);
        assertThat(stale.evidence())
                .isEqualTo("6 tests, 6 passed, 0 failed, 0 skipped (100.0% pass) in 3 files;"
                        + " build/test-results/b.xml was made from fedcba9, not the release commit 0123456 (and 1"
                        + " more not fresh)");
        assertThat(stale.details())
                .containsExactly(
                        "build/test-results/b.xml was made from fedcba9, not the release commit 0123456",
                        "build/test-results/c.xml names no commit in a <property> named commit, git.commit or"
                                + " revision");
        assertThat(check(null, null).status())
                .as("freshness is asked for only when the plan says so")
                .isEqualTo(Status.MET);
    }

    @Test
    void everyUnreadableFileIsListed() throws Exception {
        write(dir, "build/test-results/a.xml", "");
        write(dir, "build/test-results/b.xml", "<?xml version=\"1.0\"?>\n<project><modelVersion/></project>");
        write(dir, "build/test-results/c.xml", surefire("C", 1));

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/a.xml:1: malformed XML: premature end of file" + " (and 1 more)");
        assertThat(result.details())
                .containsExactly(
                        "build/test-results/a.xml:1: malformed XML: premature end of file",
                        "build/test-results/b.xml: not a JUnit report: its root element is <project>, expected"
                                + " <testsuite> or <testsuites>");
    }

    @Test
    void externalEntitiesAreNeverRead() throws Exception {
        write(dir, "secret.txt", "hunter2");
        String xxe = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE testsuite [<!ENTITY secret SYSTEM \""
                + dir.resolve("secret.txt").toUri() + "\">]>\n"
                + "<testsuite name=\"A\"><testcase name=\"x\"><failure message=\"&secret;\"/></testcase></testsuite>";
        write(dir, "build/test-results/a.xml", xxe);

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/test-results/a.xml:2: DOCTYPE declarations are refused: they could make the parser"
                        + " read other files");
        assertThat(result.toString()).doesNotContain("hunter2");
    }

    @Test
    void theEncodingTheFileDeclaresIsHonoured() throws Exception {
        String latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                + "<testsuite name=\"A\"><testcase name=\"x\"><failure message=\"erwartet: Größe 3\"/></testcase>"
                + "</testsuite>";
        Files.createDirectories(dir.resolve("build/test-results"));
        Files.write(dir.resolve("build/test-results/a.xml"), latin1.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(check(null, null).details()).containsExactly("A > x: erwartet: Größe 3");
    }

    @Test
    void reportsWithoutTestsAreUnmet() throws Exception {
        write(dir, "build/test-results/a.xml", "<testsuite name=\"A\" tests=\"0\"/>");
        CheckResult none = check("0%", null);
        assertThat(none.status()).isEqualTo(Status.UNMET);
        assertThat(none.evidence()).isEqualTo("0 tests, 0 passed, 0 failed, 0 skipped in 1 file; no test ran");
        assertThat(none.facts()).doesNotContainKey("passRate");

        write(dir, "build/test-results/a.xml", surefire("A", 0, skipped("s")));
        assertThat(check("0%", null).evidence())
                .isEqualTo("1 test, 0 passed, 0 failed, 1 skipped in 1 file; no test ran");
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new JunitCheck(List.of(GLOB), Percentage.parse("150%"), null, false))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a percentage between 0 and 100, got \"150%\"");
        assertThatThrownBy(() -> Percentage.parse("most")).hasMessage("expected a percentage like 95%, got \"most\"");
        assertThatThrownBy(() -> Percentage.parse("0.95")).hasMessage("expected a percentage like 95%, got \"0.95\"");
        assertThatThrownBy(() -> new JunitCheck(List.of(), null, null, false))
                .hasMessage("expected at least one glob such as build/test-results/**/*.xml");
        assertThatThrownBy(() -> new JunitCheck(List.of(GLOB), null, -1, false))
                .hasMessage("expected 0 or more, got -1");
        assertThatThrownBy(() -> new JunitCheck(null, null, null, false))
                .hasMessage("expected at least one glob such as build/test-results/**/*.xml");
    }

    @Test
    void describeSaysWhatMustPass() {
        assertThat(new JunitCheck(List.of(GLOB), Percentage.parse("95%"), null, false).describe())
                .isEqualTo("JUnit reports build/test-results/**/*.xml pass ≥ 95%");
        assertThat(new JunitCheck(List.of("a/*.xml", "b/*.xml"), null, 0, false).describe())
                .isEqualTo("JUnit reports a/*.xml, b/*.xml pass ≥ 100%, at most 0 skipped");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = ReportChecksContext.plan(
                dir,
                """
                criteria:
                  - { id: DEP-002, title: Tests, check: { type: junit, reports: "build/test-results/**/*.xml", minPassRate: 95% } }
                  - id: DEP-003
                    title: Integration tests
                    check:
                      type: junit
                      reports: ["app/target/failsafe-reports/*.xml", "lib/target/failsafe-reports/*.xml"]
                      maxSkipped: 0
                      fresh: true
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new JunitCheck(List.of(GLOB), Percentage.parse("95.0%"), null, false));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new JunitCheck(
                        List.of("app/target/failsafe-reports/*.xml", "lib/target/failsafe-reports/*.xml"),
                        Percentage.HUNDRED,
                        0,
                        true));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        ReportChecksContext.planErrors(
                                dir,
                                """
                        criteria:
                          - { id: DEP-002, title: Tests, check: { type: junit, reports: "build/*.xml", minPasRate: 95% } }
                          - { id: DEP-003, title: Tests, check: { type: junit, reports: "build/*.xml", minPassRate: most } }
                          - { id: DEP-004, title: Tests, check: { type: junit, reports: "build/*.xml", minPassRate: 101% } }
                          - { id: DEP-005, title: Tests, check: { type: junit, minPassRate: 95% } }
                          - { id: DEP-006, title: Tests, check: { type: junit, reports: "build/*.xml", minPassRate: -5% } }
                          - { id: DEP-007, title: Tests, check: { type: junit, reports: "build/*.xml", maxSkipped: -1 } }
                        """))
                .containsExactly(
                        "gantry.yaml:2:80: criteria[0].check.minPasRate: unknown key \"minPasRate\"; did you mean"
                                + " \"minPassRate\"?",
                        "gantry.yaml:3:93: criteria[1].check.minPassRate: expected a percentage like 95%, got \"most\"",
                        "gantry.yaml:4:93: criteria[2].check.minPassRate: expected a percentage between 0 and 100,"
                                + " got \"101%\"",
                        "gantry.yaml:5:41: criteria[3].check: missing required key \"reports\"",
                        "gantry.yaml:6:93: criteria[4].check.minPassRate: expected a percentage of 0% or more, got"
                                + " \"-5%\"",
                        "gantry.yaml:7:92: criteria[5].check.maxSkipped: expected 0 or more, got -1");
    }
}
