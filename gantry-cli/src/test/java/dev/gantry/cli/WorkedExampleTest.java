package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.testing.GitFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of the one-page production checklist, end to end: v2.3.1 of the accounts service, a patch
 * released on 2026-03-20 with Mark Liu as release lead. Its plan ({@code worked-example/gantry.yaml}) checks each
 * pre-release line a machine can check against real evidence files, and leaves to people what only people can
 * verify. The test walks the release as its team would, with the clock of each step fixed, and compares the
 * documents with the expected ones kept beside the plan.
 */
class WorkedExampleTest {

    private static final Path EXPECTED = Path.of("src/test/resources/worked-example");
    private static final String PORT_MARKER = "FAKE_GITHUB_PORT";
    private static final String RELEASE_DIR = ".gantry/releases/v2.3.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** When each step happens: planned three days ahead, approved the day before, gated at T-4 hours. */
    private static final Instant PLANNED = Instant.parse("2026-03-17T08:00:00Z");

    private static final Instant FIRST_GATE = Instant.parse("2026-03-19T13:00:00Z");
    private static final Instant QA_APPROVES = Instant.parse("2026-03-19T14:00:00Z");
    private static final Instant TECH_LEAD_APPROVES = Instant.parse("2026-03-19T14:30:00Z");
    private static final Instant MIGRATED = Instant.parse("2026-03-19T15:00:00Z");
    private static final Instant BRIEFED = Instant.parse("2026-03-19T16:00:00Z");
    private static final Instant GO_NO_GO = Instant.parse("2026-03-20T05:00:00Z");

    @TempDir
    Path dir;

    private HttpServer github;
    private final AtomicReference<String> releaseCommit = new AtomicReference<>("");
    private final List<String> githubRequests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopGitHub() {
        if (github != null) github.stop(0);
    }

    @Test
    void theWorkedExampleGoesFromPlanToGo() throws Exception {
        startFakeGitHub();
        GitFixture git = repository();
        String commit = git.head();
        releaseCommit.set(commit);
        writeEvidence();

        GantryProcess.Result check = gantry(PLANNED, "plan", "check");
        assertThat(check.exitCode()).as(check.err()).isEqualTo(8);
        assertThat(check.out().lines())
                .as("migrations on staging are verified by a person, yet block the release; and the roles of minor"
                        + " and major releases are the defaults, which nobody in this team holds")
                .containsExactly(
                        "gantry.yaml:48:5: warning [blocker-manual] DEP-013: blocker with no check a machine can run:"
                                + " it passes only when a person ticks it; add check: { type: ... }",
                        "gantry.yaml:179:3: warning [role-unfilled] nobody in people holds the role"
                                + " \"product-manager\" that minor and major releases need to be approved",
                        "gantry.yaml:179:3: warning [role-unfilled] nobody in people holds the role \"security\""
                                + " that major releases need to be approved",
                        "gantry.yaml:179:3: warning [role-unfilled] nobody in people holds the role"
                                + " \"executive-sponsor\" that major releases need to be approved");

        GantryProcess.Result plan = gantry(PLANNED, "plan", "--date", "2026-03-20", "--as", "Mark Liu");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).isEqualTo(RELEASE_DIR + "\n");
        assertThat(plan.err()).contains("for 2.3.1 (patch)").doesNotContain("note:");
        Path documents = dir.resolve(RELEASE_DIR);
        String releasePlan = Files.readString(documents.resolve("release-plan.md"));
        assertThat(releasePlan)
                .contains("- **Release Type:** Patch")
                .contains("- **Release Date:** Fri 2026-03-20 10:00 (Europe/Berlin)")
                .contains("- **Release Manager:** Mark Liu")
                .contains("- DEP-030: reset_failure_rate > 2% for 5 minutes (hard)")
                .contains("- DEP-031: p99_latency > 300ms for 5 minutes (hard)");
        assertGolden("release-plan.md", releasePlan, commit);
        assertGolden("deps.md", Files.readString(documents.resolve("deps.md")), commit);

        GantryProcess.Result noGo = gantry(FIRST_GATE, "gate", "production");
        assertThat(noGo.exitCode()).as(noGo.err()).isEqualTo(4);
        assertThat(noGo.out())
                .startsWith("NO-GO  production · 2.3.1 (patch) · commit " + commit.substring(0, 7))
                .containsPattern("DEP-021 Tech lead and QA approved the release commit +yes +Unmet"
                        + " +0\\.0s +tech-lead: missing; qa: missing")
                .containsPattern("DEP-013 Migrations run cleanly on staging +yes +Unmet");

        GantryProcess.Result planner = gantry(QA_APPROVES, "approve", "--role", "tech-lead", "--as", "Mark Liu");
        assertThat(planner.exitCode()).isEqualTo(2);
        assertThat(planner.err())
                .as("Mark Liu planned the release, so another tech lead signs it off")
                .contains("Mark Liu is an author of this release");
        approve(QA_APPROVES, "qa", "Linh Vo", "847 tests green, reset flow tried on staging");
        approve(TECH_LEAD_APPROVES, "tech-lead", "Sam Park", "reviewed #231 to #234");
        GantryProcess.Result twice = gantry(TECH_LEAD_APPROVES, "approve", "--role", "qa", "--as", "Sam Park");
        assertThat(twice.err()).as("qa is already filled").contains("qa already approved commit");

        tick(MIGRATED, "DEP-013", "Linh Vo", "reset_token_expires_at added on staging; took 8 min (expected 2)");
        tick(BRIEFED, "DEP-014", "Mark Liu", "password reset dashboard added, alert on >5 failures/min");
        tick(BRIEFED, "DEP-020", "Mark Liu", "support team briefed in #support-eng");

        GantryProcess.Result go = gantry(GO_NO_GO, "gate", "production", "--json");
        assertThat(go.exitCode()).as(go.out()).isZero();
        JsonNode gate = JSON.readTree(go.out());
        assertThat(gate.get("decision").asText()).isEqualTo("GO");
        assertThat(gate.get("at").asText()).isEqualTo("2026-03-20T05:00:00Z");
        assertThat(statuses(gate))
                .as("every criterion is met at the go/no-go")
                .containsOnlyKeys(
                        "DEP-010", "DEP-011", "DEP-012", "DEP-013", "DEP-014", "DEP-015", "DEP-016", "DEP-017",
                        "DEP-018", "DEP-019", "DEP-020", "DEP-021", "DEP-022")
                .allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo("Met"));
        JsonNode tests = criterion(gate, "DEP-012");
        assertThat(tests.get("evidence").asText())
                .isEqualTo("847 tests, 845 passed, 0 failed, 2 skipped (100.0% pass) in 4 files");
        assertThat(tests.at("/facts/tests").asInt()).isEqualTo(847);
        assertThat(tests.at("/facts/skipped").asInt()).isEqualTo(2);
        assertThat(criterion(gate, "DEP-015").get("evidence").asText())
                .isEqualTo("2 findings, 0 new at high or above (baseline 2)");
        assertThat(criterion(gate, "DEP-016").get("evidence").asText())
                .isEqualTo("p99 180.0 ms/op vs baseline 180.0 (+0.0%, limit +5%)");
        assertThat(criterion(gate, "DEP-021").get("evidence").asText())
                .isEqualTo("tech-lead: Sam Park; qa: Linh Vo (commit " + commit.substring(0, 7) + ")");
        assertThat(criterion(gate, "DEP-010").get("evidence").asText())
                .isEqualTo("CI passed for " + commit.substring(0, 7) + " on acme/accounts: 2 check runs, 1 status");
        assertThat(githubRequests)
                .as("the CI of the release commit itself was asked for")
                .contains(
                        "/api/v3/repos/acme/accounts/commits/" + commit + "/status?per_page=100",
                        "/api/v3/repos/acme/accounts/commits/" + commit + "/check-runs?per_page=100");
        String gateDocument = Files.readString(documents.resolve("gate-production.md"));
        assertThat(gateDocument)
                .contains("| Decision | **GO** |")
                .contains("| Criteria | 13: 13 met, 0 unmet, 0 error |");
        assertGolden("gate-production.md", gateDocument, commit);

        GantryProcess.Result checklist = gantry(GO_NO_GO, "checklist");
        assertThat(checklist.exitCode()).as(checklist.err()).isZero();
        assertThat(checklist.out())
                .contains("| Release Lead | Mark Liu |")
                .contains("machine: DEP-012 (junit) · Met: 847 tests, 845 passed, 0 failed, 2 skipped")
                .contains("ticked by Linh Vo, 2026-03-19 16:00: reset_token_expires_at added on staging");
        assertGolden("checklist.md", checklist.out(), commit);

        GantryProcess.Result approvals = gantry(GO_NO_GO, "approvals");
        assertThat(approvals.exitCode()).isZero();
        assertThat(approvals.out()).contains("qa         given  Linh Vo").contains("tech-lead  given  Sam Park");
    }

    /**
     * The service's history: v2.3.0 tagged on main, then the fixes of the release, and its release commit on
     * release/2.3.1 with the plan and the changelog. The plan names the fake GitHub's port, so only the release
     * commit's hash changes from run to run; the documents are compared with it written as {@code <release>}.
     */
    private GitFixture repository() throws IOException {
        write(".gitignore", "build/\n.gantry/state/\n");
        write("README.md", readme(false));
        write("CHANGELOG.md", changelog(false));
        write("security/baseline.sarif", sarif());
        write("bench/baseline.json", jmh(91.7, 180.0));
        GitFixture git = GitFixture.init(dir)
                .commit("feat(auth): password reset by email (#220)")
                .tag("v2.3.0")
                .commit("fix(auth): password reset links expire after RESET_TOKEN_TTL (#231)")
                .commitIn("db/migrations", "fix(db): add the reset_token_expires_at column (#232)")
                .commit("perf(auth): look reset tokens up by index (#233)");
        write("README.md", readme(true));
        git.commit("docs: RESET_TOKEN_TTL in the README's environment variables (#234)")
                .branch("release/2.3.1");
        String plan = Files.readString(EXPECTED.resolve("gantry.yaml"));
        assertThat(plan).containsOnlyOnce(PORT_MARKER);
        write(
                "gantry.yaml",
                plan.replace(PORT_MARKER, String.valueOf(github.getAddress().getPort())));
        write("CHANGELOG.md", changelog(true));
        return git.commit("chore(release): 2.3.1");
    }

    /** The build's reports, as CI leaves them in the ignored build/ folder. */
    private void writeEvidence() throws IOException {
        write(
                "build/test-results/unit/TEST-com.acme.accounts.auth.PasswordResetServiceTest.xml",
                junit("com.acme.accounts.auth.PasswordResetServiceTest", 318, 0));
        write(
                "build/test-results/unit/TEST-com.acme.accounts.auth.ResetTokenTest.xml",
                junit("com.acme.accounts.auth.ResetTokenTest", 241, 0));
        write(
                "build/test-results/integration/TEST-com.acme.accounts.api.PasswordResetApiIT.xml",
                junit("com.acme.accounts.api.PasswordResetApiIT", 196, 0));
        write("build/test-results/e2e/TEST-password-reset-e2e.xml", junit("password-reset-e2e", 92, 2));
        write("build/reports/npm-audit.sarif", sarif());
        write("build/jmh-result.json", jmh(92.4, 180.0));
    }

    private static String readme(boolean withTtl) {
        String ttl = withTtl ? "| `RESET_TOKEN_TTL` | How long a password reset link works | `30m` |\n" : "";
        return """
                # accounts

                Sign-up, sign-in and password reset for Acme.

                ## Environment variables

                | Variable | What it sets | Default |
                |---|---|---|
                | `DATABASE_URL` | The PostgreSQL database | none |
                """
                + ttl;
    }

    private static String changelog(boolean withRelease) {
        String release = withRelease
                ? """
                ## [2.3.1] - 2026-03-20

                ### Fixed

                - Password reset flow: reset links expire after `RESET_TOKEN_TTL` (#231)
                - Reset tokens are looked up by index (#233)

                """
                : "";
        return "# Changelog\n\n" + release
                + """
                ## [2.3.0] - 2026-03-02

                ### Added

                - Password reset by email (#220)
                """;
    }

    /** A JUnit report of {@code tests} cases, the last {@code skipped} of them skipped as known flaky. */
    private static String junit(String suite, int tests, int skipped) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"")
                .append(suite)
                .append("\" tests=\"")
                .append(tests)
                .append("\" failures=\"0\" errors=\"0\" skipped=\"")
                .append(skipped)
                .append("\">\n");
        for (int i = 1; i <= tests; i++) {
            xml.append("  <testcase classname=\"")
                    .append(suite)
                    .append("\" name=\"case")
                    .append(i)
                    .append("\" time=\"0.01\"");
            xml.append(i > tests - skipped ? "><skipped message=\"known flaky\"/></testcase>\n" : "/>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    /** npm audit's findings as SARIF: one high and one medium, both known and accepted before. */
    private static String sarif() {
        return """
                {
                  "version": "2.1.0",
                  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                  "runs": [{
                    "tool": {"driver": {"name": "npm-audit-sarif", "rules": [
                      {"id": "GHSA-c2qf-rxjj-qqgw", "properties": {"security-severity": "7.5"}},
                      {"id": "GHSA-952p-6rrq-rcjv", "properties": {"security-severity": "5.3"}}
                    ]}},
                    "results": [
                      {"ruleId": "GHSA-c2qf-rxjj-qqgw", "message": {"text": "semver vulnerable to ReDoS"},
                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "package-lock.json"},
                                                           "region": {"startLine": 1210}}}]},
                      {"ruleId": "GHSA-952p-6rrq-rcjv", "message": {"text": "micromatch vulnerable to ReDoS"},
                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "package-lock.json"},
                                                           "region": {"startLine": 2318}}}]}
                    ]
                  }]
                }
                """;
    }

    /** A JMH result in sample mode: the mean time of a reset request and its percentiles, in ms. */
    private static String jmh(double score, double p99) {
        return """
                [{
                  "jmhVersion": "1.37",
                  "benchmark": "com.acme.accounts.PasswordResetBenchmark.requestReset",
                  "mode": "sample",
                  "threads": 4,
                  "forks": 2,
                  "primaryMetric": {
                    "score": %s,
                    "scoreError": 1.2,
                    "scoreUnit": "ms/op",
                    "scorePercentiles": {"0.0": 41.0, "50.0": 88.1, "90.0": 131.6, "95.0": 152.3, "99.0": %s,
                                         "99.9": 240.2, "100.0": 251.7}
                  }
                }]
                """
                .formatted(score, p99);
    }

    /**
     * GitHub's REST API for the release commit's CI, on loopback: a passing build status and two passing check
     * runs, in GitHub's own shapes; any other commit is unknown, as on GitHub.
     */
    private void startFakeGitHub() throws IOException {
        Pattern ci = Pattern.compile("/api/v3/repos/acme/accounts/commits/([0-9a-f]{40})/(status|check-runs)");
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/", exchange -> {
            githubRequests.add(exchange.getRequestURI().toString());
            Matcher m = ci.matcher(exchange.getRequestURI().getPath());
            if (!m.matches() || !m.group(1).equals(releaseCommit.get())) {
                answer(
                        exchange,
                        404,
                        "{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.github.com\"}");
            } else if (m.group(2).equals("status")) {
                answer(
                        exchange,
                        200,
                        """
                        {"state": "success", "sha": "%s", "total_count": 1, "statuses": [
                          {"context": "build", "state": "success", "description": "Build #1841 passed",
                           "target_url": "https://ci.acme.test/builds/1841"}]}
                        """
                                .formatted(m.group(1)));
            } else {
                answer(
                        exchange,
                        200,
                        """
                        {"total_count": 2, "check_runs": [
                          {"name": "test", "status": "completed", "conclusion": "success", "head_sha": "%1$s"},
                          {"name": "lint", "status": "completed", "conclusion": "success", "head_sha": "%1$s"}]}
                        """
                                .formatted(m.group(1)));
            }
        });
        github.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private GantryProcess.Result gantry(Instant at, String... args) {
        return GantryProcess.runWith(dir, Map.of("SOURCE_DATE_EPOCH", String.valueOf(at.getEpochSecond())), args);
    }

    private void approve(Instant at, String role, String person, String comment) {
        GantryProcess.Result result = gantry(at, "approve", "--role", role, "--as", person, "--comment", comment);
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    private void tick(Instant at, String item, String person, String note) {
        GantryProcess.Result result = gantry(at, "tick", item, "--as", person, "--note", note);
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    private static Map<String, String> statuses(JsonNode gate) {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        gate.get("criteria")
                .forEach(c -> statuses.put(c.get("id").asText(), c.get("status").asText()));
        return statuses;
    }

    private static JsonNode criterion(JsonNode gate, String id) {
        for (JsonNode c : gate.get("criteria")) {
            if (c.get("id").asText().equals(id)) return c;
        }
        throw new AssertionError("the gate has no criterion " + id);
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** {@code actual} equals the expected document, the release commit written as {@code <release>}. */
    private static void assertGolden(String name, String actual, String commit) throws IOException {
        String stable = actual.replace(commit, "<release>").replace(commit.substring(0, 7), "<release>");
        assertThat(stable).isEqualTo(golden(name, stable));
    }

    /** The expected output kept in the test resources; -Dgantry.updateGolden=true rewrites it from {@code actual}. */
    private static String golden(String name, String actual) throws IOException {
        Path file = EXPECTED.resolve(name);
        if (Boolean.getBoolean("gantry.updateGolden")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
