package dev.gantry.gate.checks;

import static dev.gantry.gate.checks.ReportChecksContext.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.InvalidValue;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.gate.checks.SarifCheck.Severity;
import dev.gantry.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sarif check on SARIF files in the shapes Trivy, CodeQL and Semgrep write. */
class SarifCheckTest {

    /** Trivy's SARIF for a Maven project: severities as CVSS scores on the rules, one result per rule. */
    private static final String TRIVY =
            """
            {
              "version": "2.1.0",
              "$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json",
              "runs": [
                {
                  "tool": {
                    "driver": {
                      "fullName": "Trivy Vulnerability Scanner",
                      "informationUri": "https://github.com/aquasecurity/trivy",
                      "name": "Trivy",
                      "rules": [
                        {
                          "id": "CVE-2022-42003",
                          "name": "LanguageSpecificPackageVulnerability",
                          "shortDescription": { "text": "jackson-databind: deep wrapper array nesting" },
                          "defaultConfiguration": { "level": "error" },
                          "properties": { "precision": "very-high", "security-severity": "7.5",
                                          "tags": ["vulnerability", "security", "HIGH"] }
                        },
                        {
                          "id": "CVE-2022-22965",
                          "name": "LanguageSpecificPackageVulnerability",
                          "defaultConfiguration": { "level": "error" },
                          "properties": { "security-severity": "9.8", "tags": ["vulnerability", "security", "CRITICAL"] }
                        },
                        {
                          "id": "CVE-2023-20863",
                          "name": "LanguageSpecificPackageVulnerability",
                          "defaultConfiguration": { "level": "warning" },
                          "properties": { "security-severity": "6.5", "tags": ["vulnerability", "security", "MEDIUM"] }
                        }
                      ],
                      "version": "0.45.0"
                    }
                  },
                  "results": [
                    {
                      "ruleId": "CVE-2022-42003",
                      "ruleIndex": 0,
                      "level": "error",
                      "message": { "text": "Package: com.fasterxml.jackson.core:jackson-databind\\nInstalled Version: 2.13.3\\nSeverity: HIGH" },
                      "locations": [ { "physicalLocation": {
                        "artifactLocation": { "uri": "pom.xml", "uriBaseId": "ROOTPATH" },
                        "region": { "startLine": 12, "startColumn": 1, "endLine": 12, "endColumn": 1 } } } ]
                    },
                    {
                      "ruleId": "CVE-2022-22965",
                      "ruleIndex": 1,
                      "level": "error",
                      "message": { "text": "Package: org.springframework:spring-beans\\nInstalled Version: 5.3.17" },
                      "locations": [ { "physicalLocation": {
                        "artifactLocation": { "uri": "pom.xml", "uriBaseId": "ROOTPATH" },
                        "region": { "startLine": 40 } } } ]
                    },
                    {
                      "ruleId": "CVE-2023-20863",
                      "ruleIndex": 2,
                      "level": "warning",
                      "message": { "text": "Package: org.springframework:spring-expression" },
                      "locations": [ { "physicalLocation": {
                        "artifactLocation": { "uri": "pom.xml", "uriBaseId": "ROOTPATH" },
                        "region": { "startLine": 52 } } } ]
                    }
                  ],
                  "columnKind": "utf16CodeUnits",
                  "originalUriBaseIds": { "ROOTPATH": { "uri": "file:///" } }
                }
              ]
            }
            """;

    /** CodeQL's SARIF: rules in the query pack extension, referenced by index, and partial fingerprints. */
    private static final String CODEQL_RESULT =
            """
            {
              "ruleId": "java/sql-injection",
              "rule": { "id": "java/sql-injection", "index": 0, "toolComponent": { "index": 0 } },
              "message": { "text": "This query depends on a [user-provided value](1)." },
              "locations": [ { "physicalLocation": {
                "artifactLocation": { "uri": "src/main/java/dev/shop/OrderRepository.java", "index": 0 },
                "region": { "startLine": %d, "startColumn": 9, "endColumn": 40 } } } ],
              "partialFingerprints": { "primaryLocationLineHash": "%s", "primaryLocationStartColumnFingerprint": "4" }
            }
            """;

    @TempDir
    Path dir;

    private CheckContext context;

    @BeforeEach
    void context() {
        context = ReportChecksContext.in(dir);
    }

    private CheckResult check(String baseline, Severity failOn) {
        return new SarifCheck("build/scan.sarif", baseline, failOn, false).evaluate(context);
    }

    private static String codeql(String... results) {
        return """
                {
                  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                  "version": "2.1.0",
                  "runs": [ {
                    "tool": {
                      "driver": { "name": "CodeQL", "semanticVersion": "2.15.0" },
                      "extensions": [ {
                        "name": "codeql/java-queries",
                        "rules": [
                          { "id": "java/sql-injection", "properties": { "security-severity": "8.8" } },
                          { "id": "java/weak-cryptographic-algorithm", "properties": { "security-severity": "7.5" } }
                        ]
                      } ]
                    },
                    "results": [ %s ]
                  } ]
                }
                """
                .formatted(String.join(",", results));
    }

    /** A log of one run whose results are given as JSON; rules by id as given. */
    private static String log(String rules, String... results) {
        return "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"scanner\", \"rules\": ["
                + rules + "]}}, \"results\": [" + String.join(",", results) + "]}]}";
    }

    private static String result(String ruleId, String level, String uri, int line, String message) {
        String levelField = level == null ? "" : "\"level\": \"" + level + "\", ";
        return "{\"ruleId\": \"" + ruleId + "\", " + levelField + "\"message\": {\"text\": \"" + message + "\"},"
                + " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"" + uri + "\"},"
                + " \"region\": {\"startLine\": " + line + "}}}]}";
    }

    @Test
    void findingsAtOrAboveTheThresholdFailWithoutABaseline() throws Exception {
        write(dir, "build/scan.sarif", TRIVY);

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("3 findings, 2 new at high or above (no baseline)");
        assertThat(result.details())
                .containsExactly(
                        "CRITICAL CVE-2022-22965 in pom.xml:40: Package: org.springframework:spring-beans",
                        "HIGH CVE-2022-42003 in pom.xml:12: Package: com.fasterxml.jackson.core:jackson-databind");
        assertThat(result.facts())
                .containsEntry("findings", 3)
                .containsEntry("critical", 1)
                .containsEntry("high", 1)
                .containsEntry("medium", 1)
                .containsEntry("low", 0)
                .containsEntry("new", 2)
                .containsEntry("failOn", "high")
                .doesNotContainKey("baseline");
    }

    @Test
    void theThresholdDecidesWhichFindingsCount() throws Exception {
        write(dir, "build/scan.sarif", TRIVY);

        assertThat(check(null, Severity.CRITICAL).evidence()).isEqualTo("3 findings, 1 new at critical (no baseline)");
        assertThat(check(null, Severity.MEDIUM).evidence())
                .isEqualTo("3 findings, 3 new at medium or above (no baseline)");
        assertThat(check(null, Severity.LOW).details()).hasSize(3);
    }

    @Test
    void findingsInTheBaselineAreNotNew() throws Exception {
        write(dir, "build/scan.sarif", TRIVY);
        String critical = result(
                "CVE-2022-22965",
                "error",
                "pom.xml",
                40,
                "Package: org.springframework:spring-beans\\n" + "Installed Version: 5.3.17");
        String high = result(
                "CVE-2022-42003",
                "error",
                "pom.xml",
                12,
                "Package: com.fasterxml.jackson.core:"
                        + "jackson-databind\\nInstalled Version: 2.13.3\\nSeverity: HIGH");
        write(dir, "security/baseline.sarif", log("", critical));

        CheckResult one = check("security/baseline.sarif", null);
        assertThat(one.status()).isEqualTo(Status.UNMET);
        assertThat(one.evidence()).isEqualTo("3 findings, 1 new at high or above (baseline 1)");
        assertThat(one.details())
                .containsExactly(
                        "HIGH CVE-2022-42003 in pom.xml:12: Package: com.fasterxml.jackson.core:jackson-databind");
        assertThat(one.facts()).containsEntry("baseline", 1);

        write(dir, "security/baseline.sarif", log("", critical, high));
        CheckResult none = check("security/baseline.sarif", null);
        assertThat(none.status()).isEqualTo(Status.MET);
        assertThat(none.evidence()).isEqualTo("3 findings, 0 new at high or above (baseline 2)");
        assertThat(none.details()).isEmpty();
    }

    @Test
    void withoutFingerprintsAFindingThatMovedIsNew() throws Exception {
        write(dir, "build/scan.sarif", log("", result("CVE-1", "error", "pom.xml", 13, "m")));
        write(dir, "security/baseline.sarif", log("", result("CVE-1", "error", "pom.xml", 12, "m")));

        assertThat(check("security/baseline.sarif", null).status()).isEqualTo(Status.UNMET);
    }

    @Test
    void partialFingerprintsFollowAFindingThatMoved() throws Exception {
        write(dir, "build/scan.sarif", codeql(CODEQL_RESULT.formatted(48, "9a4b1c2d3e4f5a6b:1")));
        write(dir, "security/baseline.sarif", codeql(CODEQL_RESULT.formatted(31, "9a4b1c2d3e4f5a6b:1")));

        CheckResult result = check("security/baseline.sarif", null);

        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("1 finding, 0 new at high or above (baseline 1)");

        write(dir, "security/baseline.sarif", codeql(CODEQL_RESULT.formatted(48, "ffffffffffffffff:1")));
        assertThat(check("security/baseline.sarif", null).details())
                .containsExactly("HIGH java/sql-injection in src/main/java/dev/shop/OrderRepository.java:48: This query"
                        + " depends on a [user-provided value](1).");
    }

    @Test
    void theSameFingerprintOfAnotherRuleIsNew() throws Exception {
        String other = CODEQL_RESULT
                .formatted(48, "9a4b1c2d3e4f5a6b:1")
                .replace("\"java/sql-injection\", \"index\": 0", "\"java/weak-cryptographic-algorithm\", \"index\": 1")
                .replace("\"ruleId\": \"java/sql-injection\"", "\"ruleId\": \"java/weak-cryptographic-algorithm\"");
        write(dir, "build/scan.sarif", codeql(other));
        write(dir, "security/baseline.sarif", codeql(CODEQL_RESULT.formatted(48, "9a4b1c2d3e4f5a6b:1")));

        CheckResult result = check("security/baseline.sarif", null);

        assertThat(result.details()).singleElement().asString().startsWith("HIGH java/weak-cryptographic-algorithm");
    }

    @Test
    void fullFingerprintsComeBeforePartialOnes() throws Exception {
        String now = "{\"ruleId\": \"r\", \"level\": \"error\", \"message\": {\"text\": \"new text\"},"
                + " \"fingerprints\": {\"b\": \"2\", \"a\": \"1\"}, \"partialFingerprints\": {\"x\": \"9\"}}";
        String before = "{\"ruleId\": \"r\", \"level\": \"error\", \"message\": {\"text\": \"old text\"},"
                + " \"fingerprints\": {\"a\": \"1\", \"b\": \"2\"}, \"partialFingerprints\": {\"x\": \"8\"}}";
        write(dir, "build/scan.sarif", log("", now));
        write(dir, "security/baseline.sarif", log("", before));

        assertThat(check("security/baseline.sarif", null).status()).isEqualTo(Status.MET);
    }

    @Test
    void aScoreOnTheResultComesBeforeTheRulesAndTheLevel() throws Exception {
        String rules = "{\"id\": \"R1\", \"properties\": {\"security-severity\": \"3.1\"}},"
                + " {\"id\": \"R2\", \"properties\": {\"security-severity\": 9}}";
        String own = "{\"ruleId\": \"R1\", \"level\": \"note\", \"message\": {\"text\": \"own score\"},"
                + " \"properties\": {\"security-severity\": \"7.0\"}}";
        String fromRule = "{\"ruleId\": \"R2\", \"level\": \"note\", \"message\": {\"text\": \"rule score\"}}";
        String low = "{\"ruleId\": \"R1\", \"level\": \"error\", \"message\": {\"text\": \"low score\"}}";
        write(dir, "build/scan.sarif", log(rules, own, fromRule, low));

        assertThat(check(null, Severity.LOW).details())
                .containsExactly("CRITICAL R2: rule score", "HIGH R1: own score", "LOW R1: low score");
    }

    @Test
    void theLevelGivesTheSeverityWhenThereIsNoScore() throws Exception {
        String rules = "{\"id\": \"semgrep.sqli\", \"defaultConfiguration\": {\"level\": \"error\"}},"
                + " {\"id\": \"semgrep.style\", \"defaultConfiguration\": {\"level\": \"note\"}}";
        write(
                dir,
                "build/scan.sarif",
                log(
                        rules,
                        result("semgrep.sqli", null, "app.py", 3, "sql built from input"),
                        result("semgrep.style", null, "app.py", 4, "style"),
                        result("semgrep.other", null, "app.py", 5, "no level anywhere"),
                        result("semgrep.ok", "none", "app.py", 6, "not a problem"),
                        result("semgrep.warn", "warning", "app.py", 7, "a warning"),
                        result("semgrep.err", "error", "app.py", 8, "an error"),
                        result("semgrep.note", "note", "app.py", 9, "a note")));

        CheckResult result = check(null, Severity.LOW);

        assertThat(result.evidence()).isEqualTo("6 findings, 6 new at low or above (no baseline)");
        assertThat(result.details())
                .containsExactly(
                        "HIGH semgrep.sqli in app.py:3: sql built from input",
                        "HIGH semgrep.err in app.py:8: an error",
                        "MEDIUM semgrep.other in app.py:5: no level anywhere",
                        "MEDIUM semgrep.warn in app.py:7: a warning",
                        "LOW semgrep.style in app.py:4: style",
                        "LOW semgrep.note in app.py:9: a note");
    }

    @Test
    void rulesOfExtensionsAreFoundByIndexAndById() throws Exception {
        String byId = "{\"ruleId\": \"java/weak-cryptographic-algorithm\", \"message\": {\"text\": \"MD5\"}}";
        write(dir, "build/scan.sarif", codeql(CODEQL_RESULT.formatted(7, "a:1"), byId));

        assertThat(check(null, null).details())
                .containsExactly(
                        "HIGH java/sql-injection in src/main/java/dev/shop/OrderRepository.java:7: This query depends"
                                + " on a [user-provided value](1).",
                        "HIGH java/weak-cryptographic-algorithm: MD5");
    }

    @Test
    void messagesAndPlacesGivenByReferenceAreFilledIn() throws Exception {
        String sarif =
                """
                {"version": "2.1.0", "runs": [{
                  "tool": {"driver": {"name": "scanner", "rules": [
                    {"id": "S1", "messageStrings": {"default": {"text": "{0} is used in {1}"}},
                     "properties": {"security-severity": "8.1"}}]}},
                  "artifacts": [{"location": {"uri": "src/app.js"}}],
                  "results": [{"ruleIndex": 0, "message": {"id": "default", "arguments": ["eval", "render"]},
                    "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}}}]}]
                }]}
                """;
        write(dir, "build/scan.sarif", sarif);

        assertThat(check(null, null).details()).containsExactly("HIGH S1 in src/app.js: eval is used in render");
    }

    @Test
    void aMessageTemplateIsFilledInOnePassAndCut() throws Exception {
        String sarif =
                """
                {"version": "2.1.0", "runs": [{
                  "tool": {"driver": {"name": "scanner", "rules": [
                    {"id": "S1", "messageStrings": {"default": {"text": "{0} calls {1}; {2} stays"},
                                                    "long": {"text": "%s"}},
                     "properties": {"security-severity": "8.1"}}]}},
                  "results": [
                    {"ruleIndex": 0, "message": {"id": "default", "arguments": ["a{1}", "b"]}},
                    {"ruleIndex": 0, "message": {"id": "long", "arguments": ["%s"]}}]
                }]}
                """
                        .formatted("{0}".repeat(2000), "x".repeat(100_000));
        write(dir, "build/scan.sarif", sarif);

        List<String> details = check(null, null).details();

        assertThat(details.get(0)).isEqualTo("HIGH S1: a{1} calls b; {2} stays");
        assertThat(details.get(1)).isEqualTo("HIGH S1: " + "x".repeat(200) + "…");
    }

    @Test
    void suppressedAndAbsentResultsAreNotNew() throws Exception {
        String accepted = "{\"ruleId\": \"A\", \"level\": \"error\", \"message\": {\"text\": \"reviewed\"},"
                + " \"suppressions\": [{\"kind\": \"inSource\", \"justification\": \"false positive\"}]}";
        String rejected = "{\"ruleId\": \"B\", \"level\": \"error\", \"message\": {\"text\": \"still open\"},"
                + " \"suppressions\": [{\"kind\": \"external\", \"status\": \"rejected\"}]}";
        String fixed = "{\"ruleId\": \"C\", \"level\": \"error\", \"message\": {\"text\": \"gone\"},"
                + " \"baselineState\": \"absent\"}";
        String passed = "{\"ruleId\": \"D\", \"kind\": \"pass\", \"level\": \"none\", \"message\": {\"text\": \"ok\"}}";
        write(dir, "build/scan.sarif", log("", accepted, rejected, fixed, passed));

        CheckResult result = check(null, null);

        assertThat(result.evidence()).isEqualTo("2 findings, 1 new at high or above (no baseline); 1 suppressed");
        assertThat(result.details()).containsExactly("HIGH B: still open");
        assertThat(result.facts()).containsEntry("suppressed", 1);
    }

    @Test
    void aResultOfKindFailIsAFindingWhateverItsLevelSays() throws Exception {
        String rules = "{\"id\": \"R2\", \"defaultConfiguration\": {\"level\": \"error\"}}";
        String none =
                "{\"ruleId\": \"R1\", \"kind\": \"fail\", \"level\": \"none\", \"message\": {\"text\": \"none\"}}";
        String fromRule = "{\"ruleId\": \"R2\", \"kind\": \"fail\", \"message\": {\"text\": \"rule's level\"}}";
        String noLevel = "{\"ruleId\": \"R3\", \"kind\": \"fail\", \"message\": {\"text\": \"no level\"}}";
        write(dir, "build/scan.sarif", log(rules, none, fromRule, noLevel));

        CheckResult result = check(null, null);

        // SARIF 2.1.0 §3.27.10: none is for results other than failures, and a failure without a level is a warning.
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("3 findings, 2 new at high or above (no baseline)");
        assertThat(check(null, Severity.MEDIUM).details())
                .containsExactly("HIGH R1: none", "HIGH R2: rule's level", "MEDIUM R3: no level");
    }

    @Test
    void onlyPassNotApplicableAndInformationalSayNothingIsWrong() throws Exception {
        String pass = "{\"ruleId\": \"P\", \"kind\": \"pass\", \"message\": {\"text\": \"ok\"}}";
        String na =
                "{\"ruleId\": \"N\", \"kind\": \"notApplicable\", \"level\": \"none\", \"message\": {\"text\": \"-\"}}";
        String info = "{\"ruleId\": \"I\", \"kind\": \"informational\", \"message\": {\"text\": \"fyi\"}}";
        String review = "{\"ruleId\": \"V\", \"kind\": \"review\", \"message\": {\"text\": \"look at it\"}}";
        String open =
                "{\"ruleId\": \"O\", \"kind\": \"open\", \"level\": \"none\", \"message\": {\"text\": \"unsure\"}}";
        String note =
                "{\"ruleId\": \"W\", \"kind\": \"review\", \"level\": \"note\", \"message\": {\"text\": \"minor\"}}";
        write(dir, "build/scan.sarif", log("", pass, na, info, review, open, note));

        CheckResult result = check(null, Severity.LOW);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.details())
                .containsExactly("HIGH V (review): look at it", "HIGH O (open): unsure", "LOW W (review): minor");
    }

    @Test
    void aKindOrLevelSarifDoesNotDefineIsAnErrorNamingTheResult() throws Exception {
        String ok = "{\"ruleId\": \"A\", \"level\": \"note\", \"message\": {\"text\": \"x\"}}";
        write(dir, "build/scan.sarif", log("", ok, "{\"ruleId\": \"B\", \"kind\": \"FAIL\"}"));
        CheckResult kind = check(null, null);
        assertThat(kind.status()).isEqualTo(Status.ERROR);
        assertThat(kind.evidence())
                .isEqualTo("build/scan.sarif: runs[0].results[1]: kind is \"FAIL\", expected one of fail, review, open,"
                        + " pass, notApplicable or informational");

        write(dir, "build/scan.sarif", log("", "{\"ruleId\": \"B\", \"kind\": 1}"));
        assertThat(check(null, null).evidence()).contains("runs[0].results[0]: kind is 1, expected one of");

        write(dir, "build/scan.sarif", log("", "{\"ruleId\": \"B\", \"level\": \"fatal\"}"));
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif: runs[0].results[0]: level is \"fatal\", expected one of error, warning,"
                        + " note or none");

        write(
                dir,
                "build/scan.sarif",
                log("{\"id\": \"B\", \"defaultConfiguration\": {\"level\": 3}}", "{\"ruleId\": \"B\"}"));
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif: runs[0].results[0]: the rule's level is 3, expected one of error,"
                        + " warning, note or none");
    }

    @Test
    void aSecuritySeverityThatIsNoCvssScoreIsAnError() throws Exception {
        for (String score : List.of("-1", "\"-9.8\"", "11", "\"high\"", "{}")) {
            String result = "{\"ruleId\": \"R\", \"level\": \"error\", \"message\": {\"text\": \"m\"},"
                    + " \"properties\": {\"security-severity\": " + score + "}}";
            write(dir, "build/scan.sarif", log("", result));

            CheckResult checked = check(null, Severity.LOW);

            assertThat(checked.status()).as(score).isEqualTo(Status.ERROR);
            assertThat(checked.evidence())
                    .isEqualTo("build/scan.sarif: runs[0].results[0]: security-severity is " + score
                            + ", expected a CVSS score from 0.0 to 10.0");
        }
        String rules = "{\"id\": \"R\", \"properties\": {\"security-severity\": \"-3\"}}";
        write(dir, "build/scan.sarif", log(rules, "{\"ruleId\": \"R\", \"message\": {\"text\": \"m\"}}"));
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif: runs[0].results[0] (rule R): security-severity is \"-3\", expected a"
                        + " CVSS score from 0.0 to 10.0");
    }

    /** A clean run of {@code tool} that scanned {@code revisions}, as versionControlProvenance names them. */
    private static String run(String tool, String... revisions) {
        String provenance = java.util.Arrays.stream(revisions)
                .map(r -> "{\"repositoryUri\": \"https://example.com/shop.git\", \"revisionId\": \"" + r + "\"}")
                .collect(Collectors.joining(","));
        return "{\"tool\": {\"driver\": {\"name\": \"" + tool + "\"}}, \"versionControlProvenance\": [" + provenance
                + "], \"results\": []}";
    }

    private static String runs(String... runs) {
        return "{\"version\": \"2.1.0\", \"runs\": [" + String.join(",", runs) + "]}";
    }

    private CheckResult fresh() {
        return new SarifCheck("build/scan.sarif", null, null, true).evaluate(context);
    }

    @Test
    void aFreshScanNamesTheReleaseCommitInEveryRun() throws Exception {
        String release = ReportChecksContext.COMMIT;
        write(dir, "build/scan.sarif", runs(run("Trivy", release), run("Semgrep", release.substring(0, 7))));
        CheckResult result = fresh();
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence())
                .isEqualTo("0 findings, 0 new at high or above (no baseline); all 2 runs scanned the release commit"
                        + " 0123456");
        assertThat(result.facts()).containsEntry("fresh", true);

        write(dir, "build/scan.sarif", runs(run("Trivy", release), run("Semgrep", "89abcdef")));
        CheckResult stale = fresh();
        assertThat(stale.status()).isEqualTo(Status.UNMET);
        assertThat(stale.evidence())
                .isEqualTo("0 findings, 0 new at high or above (no baseline); runs[1] (Semgrep) was made from"
                        + " 89abcde, not the release commit 0123456");
        assertThat(stale.facts()).containsEntry("fresh", false);

        write(dir, "build/scan.sarif", runs(run("Trivy")));
        assertThat(fresh().evidence())
                .isEqualTo("0 findings, 0 new at high or above (no baseline); runs[0] (Trivy) names no commit in"
                        + " versionControlProvenance[].revisionId");
        assertThat(check(null, null).status())
                .as("freshness is asked for only when the plan says so")
                .isEqualTo(Status.MET);

        write(dir, "build/scan.sarif", runs(run("Trivy", "0123")));
        assertThat(fresh().status())
                .as("an abbreviation shorter than 7 names no commit surely")
                .isEqualTo(Status.UNMET);
    }

    @Test
    void aCleanScanIsMet() throws Exception {
        write(dir, "build/scan.sarif", log("", result("style", "note", "a.js", 1, "x")));
        CheckResult result = check(null, null);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("1 finding, 0 new at high or above (no baseline)");

        write(
                dir,
                "build/scan.sarif",
                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                        + " \"results\": []}, {\"tool\": {\"driver\": {\"name\": \"y\"}}, \"results\": []}]}");
        CheckResult empty = check(null, null);
        assertThat(empty.status()).isEqualTo(Status.MET);
        assertThat(empty.evidence()).isEqualTo("0 findings, 0 new at high or above (no baseline)");
    }

    @Test
    void aLogWithoutRunsIsUnmet() throws Exception {
        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"runs\": []}");

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("0 findings, 0 new at high or above (no baseline); build/scan.sarif has no runs: no scan"
                        + " ran");
        assertThat(result.facts()).containsEntry("runs", 0);
    }

    @Test
    void aRunWithoutResultsIsUnmetEvenBesideCleanRuns() throws Exception {
        // SARIF 2.1.0 §3.14.23: results absent (or null) means the tool did not run its analysis; [] means it found
        // nothing.
        write(
                dir,
                "build/scan.sarif",
                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}},"
                        + " \"results\": []}, {\"tool\": {\"driver\": {\"name\": \"y\"}}},"
                        + " {\"tool\": {\"driver\": {\"name\": \"z\"}}, \"results\": null}]}");

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("0 findings, 0 new at high or above (no baseline); runs[1] (y) and runs[2] (z) have no"
                        + " results: the tool did not run its analysis");
    }

    @Test
    void aBaselineWithoutRunsAcceptsNothing() throws Exception {
        write(dir, "build/scan.sarif", log("", result("R", "error", "a.js", 1, "m")));
        write(dir, "security/baseline.sarif", "{\"version\": \"2.1.0\", \"runs\": []}");

        CheckResult result = check("security/baseline.sarif", null);

        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("1 finding, 1 new at high or above (baseline 0)");
    }

    @Test
    void atMostTwentyNewFindingsAreListed() throws Exception {
        String[] results = IntStream.range(0, 23)
                .mapToObj(i -> result("CVE-" + i, "error", "pom.xml", i + 1, "m"))
                .toArray(String[]::new);
        write(dir, "build/scan.sarif", log("", results));

        List<String> details = check(null, null).details();

        assertThat(details).hasSize(21);
        assertThat(details.get(0)).isEqualTo("HIGH CVE-0 in pom.xml:1: m");
        assertThat(details.get(20)).isEqualTo("and 3 more");
    }

    @Test
    void theReportAndTheBaselineMustBeReadable() throws Exception {
        assertThat(check(null, null)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.evidence()).isEqualTo("build/scan.sarif does not exist");
        });
        write(dir, "build/scan.sarif", TRIVY);
        assertThat(check("security/baseline.sarif", null).evidence())
                .isEqualTo("security/baseline.sarif does not exist");
        write(dir, "security/baseline.sarif", "");
        assertThat(check("security/baseline.sarif", null).evidence())
                .isEqualTo("security/baseline.sarif is empty, expected JSON");
    }

    @Test
    void malformedJsonIsAnErrorWithItsPosition() throws Exception {
        write(dir, "build/scan.sarif", "{\n  \"version\": \"2.1.0\",\n  \"runs\": [\n}\n");

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).startsWith("build/scan.sarif:4:1: malformed JSON: unexpected close marker '}'");
        assertThat(result.evidence()).doesNotContain("Source");

        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"runs\": []} trailing");
        assertThat(check(null, null).evidence()).startsWith("build/scan.sarif:1:");
    }

    @Test
    void aReportThatIsNoRegularFileInTheRepositoryIsAnError(@TempDir Path elsewhere) throws Exception {
        write(elsewhere, "scan.sarif", TRIVY);
        java.nio.file.Files.createDirectories(dir.resolve("build"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("build/scan.sarif"), elsewhere.resolve("scan.sarif"));
        CheckResult outside = check(null, null);
        assertThat(outside.status()).isEqualTo(Status.ERROR);
        assertThat(outside.evidence())
                .isEqualTo("build/scan.sarif is a symlink to "
                        + elsewhere.toRealPath().resolve("scan.sarif")
                        + ", outside the repository: evidence is read from the repository only");

        java.nio.file.Files.delete(dir.resolve("build/scan.sarif"));
        ReportChecksContext.fifo(dir.resolve("build/scan.sarif"));
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif is a FIFO (named pipe), expected a JSON file; refused without opening it");

        java.nio.file.Files.delete(dir.resolve("build/scan.sarif"));
        ReportChecksContext.sparse(dir.resolve("build/scan.sarif"), EvidenceFile.MAX_BYTES + 1);
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif has 67108865 bytes, more than the 64 MiB a check reads of one file");
    }

    @Test
    void jsonNestedTooDeepOrWithHugeNumbersIsAnError() throws Exception {
        String deep = "[".repeat(EvidenceFile.MAX_DEPTH + 1) + "]".repeat(EvidenceFile.MAX_DEPTH + 1);
        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"runs\": [], \"properties\": {\"x\": " + deep + "}}");

        CheckResult result = check(null, null);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("build/scan.sarif: nested deeper than 200 levels, more than a check reads");

        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"runs\": [], \"n\": " + "9".repeat(1500) + "}");
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif: a number of 1500 digits, more than the 1000 a check reads");
    }

    @Test
    void jsonThatIsNotSarifIsAnError() throws Exception {
        write(dir, "build/scan.sarif", "[1, 2]");
        assertThat(check(null, null).evidence()).isEqualTo("build/scan.sarif is not SARIF: expected a JSON object");

        write(dir, "build/scan.sarif", "{\"runs\": []}");
        assertThat(check(null, null).evidence()).isEqualTo("build/scan.sarif is not SARIF: it has no \"version\"");

        write(dir, "build/scan.sarif", "{\"version\": \"2.0.0\", \"runs\": []}");
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif is not SARIF 2.1.0: its version is \"2.0.0\", expected \"2.1.0\"");

        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"results\": []}");
        assertThat(check(null, null).evidence()).isEqualTo("build/scan.sarif is not SARIF: it has no \"runs\" array");

        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": {}}]}");
        assertThat(check(null, null).evidence())
                .isEqualTo("build/scan.sarif is not SARIF: runs[0].results is not an array");

        write(dir, "build/scan.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"results\": [1]}]}");
        CheckResult notAnObject = check(null, null);
        assertThat(notAnObject.status()).isEqualTo(Status.ERROR);
        assertThat(notAnObject.evidence())
                .isEqualTo("build/scan.sarif is not SARIF: runs[0].results[0] is not an object");
    }

    @Test
    void theReportPathMayNameTheRelease() throws Exception {
        write(dir, "build/scan-1.4.0.sarif", TRIVY);
        CheckResult result =
                new SarifCheck("build/scan-{version}.sarif", null, Severity.CRITICAL, false).evaluate(context);
        assertThat(result.evidence()).isEqualTo("3 findings, 1 new at critical (no baseline)");
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new SarifCheck(" ", null, null, false))
                .isInstanceOf(InvalidValue.class)
                .hasMessage("expected a SARIF file such as build/scan.sarif, got \"\"");
        assertThatThrownBy(() -> new SarifCheck("a.sarif", "", null, false))
                .hasMessage("expected a SARIF file such as security/baseline.sarif, got \"\"");
        assertThat(new SarifCheck("a.sarif", null, null, false).failOn()).isEqualTo(Severity.HIGH);
    }

    @Test
    void describeSaysWhatMayNotBeFound() {
        assertThat(new SarifCheck("build/scan.sarif", null, null, false).describe())
                .isEqualTo("SARIF build/scan.sarif has no findings at high or above");
        assertThat(new SarifCheck("build/scan.sarif", "security/baseline.sarif", Severity.CRITICAL, false).describe())
                .isEqualTo(
                        "SARIF build/scan.sarif has no findings at critical beyond baseline security/baseline.sarif");
        assertThat(new SarifCheck("build/scan.sarif", null, null, true).describe())
                .isEqualTo("SARIF build/scan.sarif has no findings at high or above, scanned at the release commit");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = ReportChecksContext.plan(
                dir,
                """
                criteria:
                  - { id: DEP-005, title: No new vulnerabilities, check: { type: sarif, report: build/scan.sarif, baseline: security/baseline.sarif, failOn: critical } }
                  - id: DEP-006
                    title: No high findings
                    check:
                      type: sarif
                      report: "build/codeql-{version}.sarif"
                      fresh: true
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new SarifCheck("build/scan.sarif", "security/baseline.sarif", Severity.CRITICAL, false));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new SarifCheck("build/codeql-{version}.sarif", null, Severity.HIGH, true));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        ReportChecksContext.planErrors(
                                dir,
                                """
                        criteria:
                          - { id: DEP-005, title: Scan, check: { type: sarif, report: a.sarif, failon: high } }
                          - { id: DEP-006, title: Scan, check: { type: sarif, report: a.sarif, failOn: severe } }
                          - { id: DEP-007, title: Scan, check: { type: sarif, baseline: b.sarif } }
                        """))
                .containsExactly(
                        "gantry.yaml:2:72: criteria[0].check.failon: unknown key \"failon\"; did you mean \"failOn\"?",
                        "gantry.yaml:3:80: criteria[1].check.failOn: expected one of low, medium, high, critical, got"
                                + " \"severe\"",
                        "gantry.yaml:4:40: criteria[2].check: missing required key \"report\"");
    }

    @Test
    void findingsListedInFileOrderWithinASeverity() throws Exception {
        String results = IntStream.of(3, 1, 2)
                .mapToObj(i -> result("R" + i, "error", "f", i, "m"))
                .collect(Collectors.joining(","));
        write(dir, "build/scan.sarif", log("", results));
        assertThat(check(null, null).details())
                .containsExactly("HIGH R3 in f:3: m", "HIGH R1 in f:1: m", "HIGH R2 in f:2: m");
    }
}
