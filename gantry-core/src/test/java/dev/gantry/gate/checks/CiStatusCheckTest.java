package dev.gantry.gate.checks;

import static dev.gantry.gate.checks.RemoteChecksContext.COMMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Plan;
import dev.gantry.testing.GitFixture;
import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ci-status check against a fake GitHub API on loopback answering the REST API's JSON. */
class CiStatusCheckTest {

    private static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String STATUS = "/repos/acme/shop/commits/" + COMMIT + "/status?per_page=100";
    private static final String RUNS = "/repos/acme/shop/commits/" + COMMIT + "/check-runs?per_page=100";

    @TempDir
    Path dir;

    private LoopbackServer github;
    private CheckContext context;

    @BeforeEach
    void start() throws Exception {
        github = new LoopbackServer();
        context = RemoteChecksContext.in(dir)
                .variables(Map.of("GITHUB_TOKEN", TOKEN))
                .build();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private CiStatusCheck check(String... required) {
        return new CiStatusCheck("acme/shop", github.base(), null, List.of(required), null);
    }

    /** GET /repos/{owner}/{repo}/commits/{ref}/status: the latest status of each context. */
    private static String combinedStatus(String... contextAndState) {
        List<String> statuses = new ArrayList<>();
        String combined = "success";
        for (int i = 0; i < contextAndState.length; i += 2) {
            String state = contextAndState[i + 1];
            if (!state.equals("success")) combined = state.equals("pending") ? "pending" : "failure";
            statuses.add(
                    """
                    {"url":"https://api.github.com/repos/acme/shop/statuses/%s",\
                    "avatar_url":"https://github.com/images/error/hubot_happy.gif","id":%d,\
                    "node_id":"MDY6U3RhdHVzMQ==","state":"%s","description":"Build has completed",\
                    "target_url":"https://ci.example.com/1000/output","context":"%s",\
                    "created_at":"2026-11-20T09:19:13Z","updated_at":"2026-11-20T09:19:13Z"}"""
                            .formatted(COMMIT, i + 1, state, contextAndState[i]));
        }
        if (statuses.isEmpty()) combined = "pending";
        return """
                {"state":"%s","statuses":[%s],"sha":"%s","total_count":%d,\
                "repository":{"id":1296269,"node_id":"MDEwOlJlcG9zaXRvcnkxMjk2MjY5","name":"shop","full_name":"acme/shop"},\
                "commit_url":"https://api.github.com/repos/acme/shop/%s",\
                "url":"https://api.github.com/repos/acme/shop/%s/status"}"""
                .formatted(combined, String.join(",", statuses), COMMIT, statuses.size(), COMMIT, COMMIT);
    }

    /** GET /repos/{owner}/{repo}/commits/{ref}/check-runs: runs given as name, status, conclusion (or null). */
    private static String checkRuns(int totalCount, String... nameStatusConclusion) {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < nameStatusConclusion.length; i += 3) {
            String conclusion = nameStatusConclusion[i + 2];
            runs.add(
                    """
                    {"id":%d,"head_sha":"%s","node_id":"MDg6Q2hlY2tSdW40","external_id":"",\
                    "url":"https://api.github.com/repos/acme/shop/check-runs/%d",\
                    "html_url":"https://github.com/acme/shop/runs/%d","details_url":"https://example.com",\
                    "status":"%s","conclusion":%s,"started_at":"2026-11-20T09:14:52Z",\
                    "completed_at":%s,\
                    "output":{"title":"Report","summary":"","text":"","annotations_count":0,\
                    "annotations_url":"https://api.github.com/repos/acme/shop/check-runs/%d/annotations"},\
                    "name":"%s","check_suite":{"id":5},\
                    "app":{"id":1,"slug":"github-actions","name":"GitHub Actions"},"pull_requests":[]}"""
                            .formatted(
                                    i + 4,
                                    COMMIT,
                                    i + 4,
                                    i + 4,
                                    nameStatusConclusion[i + 1],
                                    conclusion == null ? "null" : "\"" + conclusion + "\"",
                                    conclusion == null ? "null" : "\"2026-11-20T09:20:52Z\"",
                                    i + 4,
                                    nameStatusConclusion[i]));
        }
        return "{\"total_count\":%d,\"check_runs\":[%s]}".formatted(totalCount, String.join(",", runs));
    }

    private static String checkRuns(String... nameStatusConclusion) {
        return checkRuns(nameStatusConclusion.length / 3, nameStatusConclusion);
    }

    @Test
    void everyStatusAndCheckRunPassingIsMet() {
        github.answer(STATUS, 200, combinedStatus("continuous-integration/jenkins", "success"));
        github.answer(
                RUNS,
                200,
                checkRuns(
                        "build",
                        "completed",
                        "success",
                        "docs",
                        "completed",
                        "skipped",
                        "lint",
                        "completed",
                        "neutral"));
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("CI passed for abc1234 on acme/shop: 3 check runs, 1 status");
        assertThat(result.details()).isEmpty();
        assertThat(result.facts())
                .containsEntry("checkRuns", 3)
                .containsEntry("statuses", 1)
                .containsEntry("passed", 4)
                .containsEntry("failed", 0)
                .containsEntry("pending", 0);
    }

    @Test
    void itAsksTheRestApiWithTheToken() {
        github.answer(STATUS, 200, combinedStatus("ci/jenkins", "success"));
        github.answer(RUNS, 200, checkRuns());
        check().evaluate(context);
        assertThat(github.requestedUris()).containsExactly(STATUS, RUNS);
        for (LoopbackServer.Request request : github.requests()) {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.header("Accept")).hasValue("application/vnd.github+json");
            assertThat(request.header("X-GitHub-Api-Version")).hasValue("2022-11-28");
            assertThat(request.header("Authorization")).hasValue("Bearer " + TOKEN);
        }
    }

    @Test
    void withoutATokenItAsksAnonymously() {
        github.answer(STATUS, 200, combinedStatus());
        github.answer(RUNS, 200, checkRuns("build", "completed", "success"));
        CheckContext anonymous = RemoteChecksContext.in(dir)
                .variables(Map.of("OTHER_TOKEN", TOKEN))
                .build();
        assertThat(check().evaluate(anonymous).status()).isEqualTo(Status.MET);
        assertThat(github.requests()).hasSize(2).allSatisfy(r -> assertThat(r.header("Authorization"))
                .isEmpty());
    }

    @Test
    void theTokenIsReadFromTheNamedVariable() {
        github.answer(STATUS, 200, combinedStatus());
        github.answer(RUNS, 200, checkRuns("build", "completed", "success"));
        CheckContext withOther = RemoteChecksContext.in(dir)
                .variables(Map.of("CI_READ_TOKEN", "other"))
                .build();
        new CiStatusCheck("acme/shop", github.base(), "CI_READ_TOKEN", null, null).evaluate(withOther);
        assertThat(github.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).hasValue("Bearer other"));
    }

    @Test
    void oneFailedCheckRunIsUnmet() {
        github.answer(STATUS, 200, combinedStatus("ci/jenkins", "success"));
        github.answer(RUNS, 200, checkRuns("build", "completed", "success", "test", "completed", "failure"));
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("CI not passed for abc1234 on acme/shop: 1 failed (test)");
        assertThat(result.details()).containsExactly("failed: test (check run: failure)");
        assertThat(result.facts()).containsEntry("failed", 1).containsEntry("passed", 2);
    }

    @Test
    void everyConclusionButSuccessNeutralAndSkippedFails() {
        github.answer(STATUS, 200, combinedStatus("ci/jenkins", "error", "coverage", "failure"));
        github.answer(
                RUNS,
                200,
                checkRuns(
                        "a",
                        "completed",
                        "cancelled",
                        "b",
                        "completed",
                        "timed_out",
                        "c",
                        "completed",
                        "action_required",
                        "d",
                        "completed",
                        "stale",
                        "e",
                        "completed",
                        null));
        CheckResult result = check().evaluate(context);
        assertThat(result.evidence())
                .isEqualTo("CI not passed for abc1234 on acme/shop: 7 failed (a, b, c and 4 more)");
        assertThat(result.details())
                .containsExactly(
                        "failed: a (check run: cancelled)",
                        "failed: b (check run: timed_out)",
                        "failed: c (check run: action_required)",
                        "failed: ci/jenkins (status: error)",
                        "failed: coverage (status: failure)",
                        "failed: d (check run: stale)",
                        "failed: e (check run: completed without a conclusion)");
    }

    @Test
    void runsAndStatusesNotDoneYetAreStillRunning() {
        github.answer(STATUS, 200, combinedStatus("ci/jenkins", "pending"));
        github.answer(
                RUNS,
                200,
                checkRuns("build", "completed", "success", "e2e", "queued", null, "lint", "in_progress", null));
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("CI not passed for abc1234 on acme/shop: 3 still running (ci/jenkins, e2e, lint)");
        assertThat(result.details())
                .containsExactly(
                        "still running: ci/jenkins (status: pending)",
                        "still running: e2e (check run: queued)",
                        "still running: lint (check run: in_progress)");
        assertThat(result.facts()).containsEntry("pending", 3);
    }

    @Test
    void checkRunsAreReadOverEveryPage() {
        String second = "/repositories/1296269/commits/" + COMMIT + "/check-runs?per_page=100&page=2";
        github.answer(STATUS, 200, combinedStatus());
        github.answer(
                RUNS,
                200,
                Map.of(
                        "Link",
                        "<" + github.base() + second + ">; rel=\"next\", <" + github.base() + second
                                + ">; rel=\"last\""),
                checkRuns(3, "build", "completed", "success", "lint", "completed", "success"));
        github.answer(
                second,
                200,
                Map.of(
                        "Link",
                        "<" + github.base() + RUNS.replace("per_page=100", "per_page=100&page=1") + ">; rel=\"prev\""),
                checkRuns(3, "test", "completed", "failure"));
        CheckResult result = check().evaluate(context);
        assertThat(github.requestedUris()).containsExactly(STATUS, RUNS, second);
        assertThat(github.requests().get(2).header("Authorization")).hasValue("Bearer " + TOKEN);
        assertThat(result.evidence()).isEqualTo("CI not passed for abc1234 on acme/shop: 1 failed (test)");
        assertThat(result.facts()).containsEntry("checkRuns", 3).containsEntry("passed", 2);
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowed() {
        github.answer(STATUS, 200, combinedStatus());
        github.answer(
                RUNS,
                200,
                Map.of("Link", "<https://collector.example.net/steal?page=2>; rel=\"next\""),
                checkRuns("build", "completed", "success"));
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("GET " + github.base() + RUNS + ": the next page is on collector.example.net, not on the"
                        + " API's host 127.0.0.1");
    }

    @Test
    void aCommitWithoutAnyCiResultIsUnmet() {
        github.answer(STATUS, 200, combinedStatus());
        github.answer(RUNS, 200, checkRuns());
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("no CI result for commit abc1234 on acme/shop");
    }

    @Test
    void requiredNamesMustBeThereAndPass() {
        github.answer(STATUS, 200, combinedStatus("ci/jenkins", "success"));
        github.answer(RUNS, 200, checkRuns("build", "completed", "success"));
        assertThat(check("build", "ci/jenkins").evaluate(context).status()).isEqualTo(Status.MET);
        CheckResult missing = check("build", "e2e", "security/snyk").evaluate(context);
        assertThat(missing.status()).isEqualTo(Status.UNMET);
        assertThat(missing.evidence())
                .isEqualTo("CI not passed for abc1234 on acme/shop: 2 required missing (e2e, security/snyk)");
        assertThat(missing.details()).containsExactly("missing: e2e (required)", "missing: security/snyk (required)");
        assertThat(missing.facts()).containsEntry("missing", 2);
    }

    @Test
    void aServerErrorIsAnErrorNamingTheEndpoint() {
        github.answer(STATUS, 500, "{\"message\":\"Server Error\"}");
        github.answer(RUNS, 200, checkRuns("build", "completed", "success"));
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("GET " + github.base() + STATUS + " answered 500: Server Error");
    }

    @Test
    void aGarbageBodyIsAnError() {
        github.answer(STATUS, 200, combinedStatus("ci/jenkins", "success"));
        github.answer(RUNS, 200, "<html><title>Unicorn!</title></html>");
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .startsWith("GET " + github.base() + RUNS + " answered 200, but the body is not JSON: ");
    }

    @Test
    void jsonOfAnotherShapeIsAnError() {
        github.answer(STATUS, 200, combinedStatus());
        github.answer(RUNS, 200, "{\"total_count\":1,\"runs\":[]}");
        assertThat(check().evaluate(context).evidence())
                .isEqualTo("GET " + github.base() + RUNS + " answered 200, but with no \"check_runs\" list");
        github.answer(RUNS, 200, "{\"total_count\":1,\"check_runs\":[{\"name\":\"build\"}]}");
        assertThat(check().evaluate(context).evidence())
                .isEqualTo(
                        "GET " + github.base() + RUNS + " answered 200, but with an entry without a \"status\" text");
    }

    @Test
    void aRefusedTokenIsAnError() {
        github.answer(
                STATUS,
                401,
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
        CheckResult result = check().evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("GET " + github.base() + STATUS
                        + " answered 401: Bad credentials (the token in GITHUB_TOKEN was refused)");
        assertThat(result.evidence()).doesNotContain(TOKEN);
    }

    @Test
    void theRateLimitIsNamed() {
        github.answer(
                STATUS,
                403,
                Map.of("x-ratelimit-limit", "60", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1795000000"),
                "{\"message\":\"API rate limit exceeded for 203.0.113.7.\"}");
        CheckContext anonymous = RemoteChecksContext.in(dir).build();
        assertThat(check().evaluate(anonymous).evidence())
                .isEqualTo("GET " + github.base() + STATUS + " answered 403: the API rate limit was hit, it resets at"
                        + " 2026-11-18T11:06:40Z; a token in GITHUB_TOKEN has a higher limit");
    }

    @Test
    void aForbiddenAnswerWithRequestsLeftIsNotTheRateLimit() {
        github.answer(
                STATUS,
                403,
                Map.of("x-ratelimit-remaining", "4999"),
                "{\"message\":\"Resource not accessible by integration\"}");
        assertThat(check().evaluate(context).evidence())
                .isEqualTo("GET " + github.base() + STATUS + " answered 403: Resource not accessible by integration");
    }

    @Test
    void anUnknownRepositoryIsAnError() {
        CheckResult anonymous = check().evaluate(RemoteChecksContext.in(dir).build());
        assertThat(anonymous.status()).isEqualTo(Status.ERROR);
        assertThat(anonymous.evidence())
                .isEqualTo("GET " + github.base() + STATUS
                        + " answered 404: Not Found (a private repository needs a token in GITHUB_TOKEN)");
        assertThat(check().evaluate(context).evidence())
                .endsWith(
                        "answered 404: Not Found (is the repository right, and may the token in GITHUB_TOKEN read it?)");
    }

    @Test
    void noAnswerWithinTheTimeoutIsAnError() {
        github.answer(STATUS, 200, combinedStatus());
        github.hang(RUNS);
        CiStatusCheck check = new CiStatusCheck("acme/shop", github.base(), null, null, Duration.ofMillis(500));
        CheckResult result = check.evaluate(context);
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("GET " + github.base() + RUNS + ": no answer within 500ms");
    }

    @Test
    void theRepositoryComesFromTheOriginRemote() {
        GitFixture repo = GitFixture.init(dir).commit("feat: start");
        repo.git("remote", "add", "origin", "ssh://git@127.0.0.1/acme/shop.git");
        github.answer("/api/v3" + STATUS, 200, combinedStatus("ci/jenkins", "success"));
        github.answer("/api/v3" + RUNS, 200, checkRuns("build", "completed", "success"));
        CheckContext fromRepo = RemoteChecksContext.in(dir)
                .variables(Map.of("GITHUB_TOKEN", TOKEN))
                .build();
        CiStatusCheck enterprise = new CiStatusCheck(null, github.base() + "/api/v3/", null, null, null);
        CheckResult result = enterprise.evaluate(fromRepo);
        assertThat(result.evidence()).isEqualTo("CI passed for abc1234 on acme/shop: 1 check run, 1 status");
        assertThat(github.requestedUris()).containsExactly("/api/v3" + STATUS, "/api/v3" + RUNS);
    }

    @Test
    void anOriginElsewhereIsAnError() {
        GitFixture repo = GitFixture.init(dir).commit("feat: start");
        repo.git("remote", "add", "origin", "https://ci-bot:s3cret@gitlab.com/acme/shop.git");
        CheckContext fromRepo = RemoteChecksContext.in(dir).build();
        CheckResult onGitLab = new CiStatusCheck(null, null, null, null, null).evaluate(fromRepo);
        assertThat(onGitLab.status()).isEqualTo(Status.ERROR);
        assertThat(onGitLab.evidence())
                .isEqualTo("origin https://gitlab.com/acme/shop.git is on gitlab.com, not on github.com: give"
                        + " repository: owner/name and apiUrl");
        CheckResult notTheApisHost = new CiStatusCheck(null, github.base(), null, null, null).evaluate(fromRepo);
        assertThat(notTheApisHost.evidence())
                .isEqualTo("origin https://gitlab.com/acme/shop.git is on gitlab.com, not on 127.0.0.1: give"
                        + " repository: owner/name");
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void withoutAnOriginTheRepositoryMustBeGiven() {
        GitFixture.init(dir).commit("feat: start");
        CiStatusCheck derived = new CiStatusCheck(null, github.base(), null, null, null);
        CheckResult result = derived.evaluate(RemoteChecksContext.in(dir).build());
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("the git repository has no origin remote: give repository: owner/name");
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void githubRemoteUrlsOfEveryShape() {
        for (String url : List.of(
                "https://github.com/acme/shop.git",
                "https://github.com/acme/shop",
                "https://github.com/acme/shop/",
                "https://x-access-token:abc@github.com/acme/shop.git",
                "git@github.com:acme/shop.git",
                "git@github.com:acme/shop",
                "ssh://git@github.com/acme/shop.git",
                "ssh://git@ssh.github.com:443/acme/shop.git")) {
            assertThat(GitHubRemote.parse(url))
                    .as(url)
                    .map(GitHubRemote::repository)
                    .hasValue("acme/shop");
        }
        assertThat(GitHubRemote.parse("git@github.com:acme/shop.js.git"))
                .map(GitHubRemote::repository)
                .hasValue("acme/shop.js");
        assertThat(GitHubRemote.parse("https://GitHub.com/acme/shop"))
                .map(GitHubRemote::host)
                .hasValue("github.com");
        assertThat(GitHubRemote.parse("/srv/git/shop.git")).isEmpty();
        assertThat(GitHubRemote.parse("https://github.com/acme")).isEmpty();
        assertThat(GitHubRemote.parse("https://github.com/acme/shop/tree/main")).isEmpty();
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> new CiStatusCheck("shop", null, null, null, null))
                .hasMessage("expected owner/name such as acme/shop, got \"shop\"");
        assertThatThrownBy(() -> new CiStatusCheck(null, "api.github.com", null, null, null))
                .hasMessage("expected the API's root such as https://api.github.com or"
                        + " https://github.example.com/api/v3, got \"api.github.com\"");
        assertThatThrownBy(() -> new CiStatusCheck(null, null, "$GITHUB_TOKEN", null, null))
                .hasMessage("expected an environment variable such as GITHUB_TOKEN, got \"$GITHUB_TOKEN\"");
        assertThatThrownBy(() -> new CiStatusCheck(null, null, null, List.of(""), null))
                .hasMessage("expected a check run or status name, got \"\"");
        CiStatusCheck defaults = new CiStatusCheck(null, null, null, null, null);
        assertThat(defaults.apiUrl()).isEqualTo("https://api.github.com");
        assertThat(defaults.tokenVariable()).isEqualTo("GITHUB_TOKEN");
        assertThat(defaults.require()).isEmpty();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void describeSaysWhereAndWhatIsRequired() {
        assertThat(new CiStatusCheck(null, null, null, null, null).describe())
                .isEqualTo("CI passed for the release commit on the origin repository");
        assertThat(new CiStatusCheck("acme/shop", null, null, List.of("build", "e2e"), null).describe())
                .isEqualTo("CI passed for the release commit on acme/shop, build, e2e required");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = load(
                """
                criteria:
                  - id: DEP-040
                    title: CI is green
                    check: { type: ci-status }
                  - id: DEP-041
                    title: CI is green on Enterprise
                    check:
                      type: ci-status
                      repository: acme/shop
                      apiUrl: https://github.example.com/api/v3
                      tokenVariable: GHE_TOKEN
                      require: [build, e2e]
                      timeout: 1m
                """);
        assertThat(plan.criteria().get(0).check()).isEqualTo(new CiStatusCheck(null, null, null, null, null));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new CiStatusCheck(
                        "acme/shop",
                        "https://github.example.com/api/v3",
                        "GHE_TOKEN",
                        List.of("build", "e2e"),
                        Duration.ofMinutes(1)));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        errors(
                                """
                        criteria:
                          - id: DEP-040
                            title: Bad repository
                            check: { type: ci-status, repository: "https://github.com/acme/shop" }
                          - id: DEP-041
                            title: Bad key
                            check: { type: ci-status, required: [build] }
                        """))
                .containsExactly(
                        "gantry.yaml:4:43: criteria[0].check.repository: expected owner/name such as acme/shop, got"
                                + " \"https://github.com/acme/shop\"",
                        "gantry.yaml:7:31: criteria[1].check.required: unknown key \"required\"; did you mean"
                                + " \"require\"?");
    }

    private Plan load(String yaml) throws Exception {
        return PlanText.load(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        return PlanText.errors(dir, yaml);
    }
}
