package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The release commit's CI on GitHub: its commit statuses and check runs. Met when every one of them passed
 * (success, neutral or skipped), none is still running and every required one is there; a commit without any
 * CI result is unmet. An API that refuses, fails or answers garbage is an error, never a pass.
 */
@Doc("The release commit's commit statuses and check runs on GitHub all passed")
public record CiStatusCheck(
        @Doc("The GitHub repository as owner/name; from the origin remote's URL when absent") String repository,
        @Doc("The REST API's root; https://api.github.com by default, https://HOST/api/v3 for GitHub Enterprise")
                String apiUrl,
        @Doc("The environment variable holding the API token; GITHUB_TOKEN by default; anonymous when unset")
                String tokenVariable,
        @Doc("Names of check runs or status contexts that must be there and pass, such as build or ci/jenkins")
                List<String> require,
        @Doc("How long all requests together may take; 30s by default") Duration timeout)
        implements Check {

    static final String GITHUB_API = "https://api.github.com";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> GITHUB_HOSTS = Set.of("github.com", "www.github.com", "ssh.github.com");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int NAMED = 3;

    public CiStatusCheck {
        if (repository != null && !GitHubRemote.REPOSITORY.matcher(repository).matches()) {
            throw new InvalidValue("repository", "expected owner/name such as acme/shop, got \"" + repository + "\"");
        }
        apiUrl = apiUrl == null ? GITHUB_API : apiUrl.strip().replaceAll("/+$", "");
        apiBase(apiUrl);
        if (tokenVariable == null) tokenVariable = "GITHUB_TOKEN";
        if (!VARIABLE.matcher(tokenVariable).matches()) {
            throw new InvalidValue(
                    "tokenVariable",
                    "expected an environment variable such as GITHUB_TOKEN, got \"" + tokenVariable + "\"");
        }
        require = require == null ? List.of() : List.copyOf(require);
        for (String name : require) {
            if (name.isBlank()) throw new InvalidValue("require", "expected a check run or status name, got \"\"");
        }
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
    }

    private static URI apiBase(String apiUrl) {
        String expected = "expected the API's root such as https://api.github.com or https://github.example.com/api/v3,"
                + " got \"" + apiUrl + "\"";
        try {
            URI uri = new URI(apiUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new InvalidValue("apiUrl", expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValue("apiUrl", expected);
        }
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        String repo;
        try {
            repo = repository != null ? repository : fromOrigin(context);
        } catch (GitHubApi.Failure e) {
            return CheckResult.error(e.getMessage());
        }
        String commit = context.commit();
        String named = commit.substring(0, Math.min(7, commit.length())) + " on " + repo;
        Optional<String> token = Optional.ofNullable(context.variables().get(tokenVariable))
                .map(String::strip)
                .filter(t -> !t.isEmpty());
        GitHubApi api = new GitHubApi(apiBase(apiUrl), token, tokenVariable, timeout);
        String commitPath = "/repos/" + repo + "/commits/" + commit;
        List<CiResult> statuses = new ArrayList<>();
        List<CiResult> checkRuns = new ArrayList<>();
        try {
            for (GitHubApi.Page page : api.pages(commitPath + "/status?per_page=100")) {
                statuses.addAll(CiResult.statuses(page));
            }
            for (GitHubApi.Page page : api.pages(commitPath + "/check-runs?per_page=100")) {
                checkRuns.addAll(CiResult.checkRuns(page));
            }
        } catch (GitHubApi.Failure e) {
            return CheckResult.error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.error("reading the CI results of " + named + " was interrupted");
        }
        return judge(named, statuses, checkRuns);
    }

    private CheckResult judge(String named, List<CiResult> statuses, List<CiResult> checkRuns) {
        List<CiResult> all = new ArrayList<>(checkRuns);
        all.addAll(statuses);
        all.sort(Comparator.comparing(CiResult::name).thenComparing(CiResult::kind));
        List<CiResult> failed = of(all, CiResult.Verdict.FAILED);
        List<CiResult> pending = of(all, CiResult.Verdict.PENDING);
        List<String> missing = require.stream()
                .filter(name -> all.stream().noneMatch(r -> r.name().equals(name)))
                .sorted()
                .toList();
        Map<String, Object> facts = new TreeMap<>();
        facts.put("checkRuns", checkRuns.size());
        facts.put("statuses", statuses.size());
        facts.put("passed", all.size() - failed.size() - pending.size());
        facts.put("failed", failed.size());
        facts.put("pending", pending.size());
        facts.put("missing", missing.size());
        List<String> details = new ArrayList<>();
        failed.forEach(r -> details.add("failed: " + r.line()));
        pending.forEach(r -> details.add("still running: " + r.line()));
        missing.forEach(name -> details.add("missing: " + name + " (required)"));
        if (all.isEmpty()) {
            return CheckResult.unmet("no CI result for commit " + named)
                    .withDetails(details)
                    .withFacts(facts);
        }
        if (failed.isEmpty() && pending.isEmpty() && missing.isEmpty()) {
            return CheckResult.met("CI passed for " + named + ": " + counted(checkRuns.size(), "check run") + ", "
                            + counted(statuses.size(), "status"))
                    .withFacts(facts);
        }
        List<String> problems = new ArrayList<>();
        if (!failed.isEmpty()) problems.add(failed.size() + " failed (" + names(failed) + ")");
        if (!pending.isEmpty()) problems.add(pending.size() + " still running (" + names(pending) + ")");
        if (!missing.isEmpty()) problems.add(missing.size() + " required missing (" + listed(missing) + ")");
        return CheckResult.unmet("CI not passed for " + named + ": " + String.join(", ", problems))
                .withDetails(details)
                .withFacts(facts);
    }

    private static List<CiResult> of(List<CiResult> all, CiResult.Verdict verdict) {
        return all.stream().filter(r -> r.verdict() == verdict).toList();
    }

    private static String names(List<CiResult> results) {
        return listed(results.stream().map(CiResult::name).toList());
    }

    private static String listed(List<String> names) {
        if (names.size() <= NAMED) return String.join(", ", names);
        return String.join(", ", names.subList(0, NAMED)) + " and " + (names.size() - NAMED) + " more";
    }

    private static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    /** owner/name from the origin remote, which must be on the API's server. */
    private String fromOrigin(CheckContext context) throws GitHubApi.Failure {
        String give = ": give repository: owner/name";
        String url = context.git()
                .originUrl()
                .orElseThrow(() -> new GitHubApi.Failure("the git repository has no origin remote" + give));
        GitHubRemote remote = GitHubRemote.parse(url)
                .orElseThrow(() -> new GitHubApi.Failure(
                        "origin " + GitHubRemote.shown(url) + " is not the URL of a GitHub repository" + give));
        String apiHost = apiBase(apiUrl).getHost().toLowerCase(Locale.ROOT);
        // GitHub Enterprise Server answers on its own host; GHE.com on api. in front of it.
        boolean onServer = apiUrl.equals(GITHUB_API)
                ? GITHUB_HOSTS.contains(remote.host())
                : apiHost.equals(remote.host()) || apiHost.equals("api." + remote.host());
        if (!onServer) {
            String server = apiUrl.equals(GITHUB_API) ? "github.com" : apiHost;
            throw new GitHubApi.Failure("origin " + GitHubRemote.shown(url) + " is on " + remote.host() + ", not on "
                    + server + give + (apiUrl.equals(GITHUB_API) ? " and apiUrl" : ""));
        }
        return remote.repository();
    }

    @Override
    public String describe() {
        String where = repository != null ? repository : "the origin repository";
        String required = require.isEmpty() ? "" : ", " + String.join(", ", require) + " required";
        return "CI passed for the release commit on " + where + required;
    }
}
