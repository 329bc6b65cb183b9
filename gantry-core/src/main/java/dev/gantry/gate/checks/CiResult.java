package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One CI result of a commit on GitHub: a commit status (by its context) or a check run (by its name).
 *
 * @param kind "check run" or "status"
 * @param state what GitHub says: a check run's conclusion, or its status while it runs; a status's state
 */
record CiResult(String name, String kind, Verdict verdict, String state) {

    enum Verdict {
        PASSED,
        FAILED,
        PENDING
    }

    private static final Set<String> PASSING_CONCLUSIONS = Set.of("success", "neutral", "skipped");

    /** The statuses of a page of {@code GET /repos/{owner}/{repo}/commits/{ref}/status}. */
    static List<CiResult> statuses(GitHubApi.Page page) throws GitHubApi.Failure {
        List<CiResult> results = new ArrayList<>();
        for (JsonNode status : list(page, "statuses")) {
            String context = text(page, status, "context");
            String state = text(page, status, "state");
            Verdict verdict =
                    switch (state) {
                        case "success" -> Verdict.PASSED;
                        case "pending" -> Verdict.PENDING;
                        default -> Verdict.FAILED;
                    };
            results.add(new CiResult(context, "status", verdict, state));
        }
        return results;
    }

    /** The check runs of a page of {@code GET /repos/{owner}/{repo}/commits/{ref}/check-runs}. */
    static List<CiResult> checkRuns(GitHubApi.Page page) throws GitHubApi.Failure {
        List<CiResult> results = new ArrayList<>();
        for (JsonNode run : list(page, "check_runs")) {
            String name = text(page, run, "name");
            String status = text(page, run, "status");
            JsonNode conclusion = run.path("conclusion");
            if (!status.equals("completed")) {
                results.add(new CiResult(name, "check run", Verdict.PENDING, status));
            } else if (!conclusion.isTextual()) {
                results.add(new CiResult(name, "check run", Verdict.FAILED, "completed without a conclusion"));
            } else {
                String value = conclusion.textValue();
                Verdict verdict = PASSING_CONCLUSIONS.contains(value) ? Verdict.PASSED : Verdict.FAILED;
                results.add(new CiResult(name, "check run", verdict, value));
            }
        }
        return results;
    }

    private static JsonNode list(GitHubApi.Page page, String field) throws GitHubApi.Failure {
        JsonNode list = page.body().path(field);
        if (!list.isArray()) throw unexpected(page, "no \"" + field + "\" list");
        return list;
    }

    private static String text(GitHubApi.Page page, JsonNode entry, String field) throws GitHubApi.Failure {
        JsonNode value = entry.path(field);
        if (!value.isTextual()) throw unexpected(page, "an entry without a \"" + field + "\" text");
        return value.textValue();
    }

    private static GitHubApi.Failure unexpected(GitHubApi.Page page, String what) {
        return new GitHubApi.Failure("GET " + page.uri() + " answered 200, but with " + what);
    }

    /** "test (check run: failure)" */
    String line() {
        return name + " (" + kind + ": " + state + ")";
    }
}
