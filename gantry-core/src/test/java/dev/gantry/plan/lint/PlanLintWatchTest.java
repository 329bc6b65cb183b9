package dev.gantry.plan.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.PlanFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules that catch a watch window which would roll back a healthy release. */
class PlanLintWatchTest {

    private static final List<String> RULES = List.of(
            "trigger-no-source",
            "trigger-no-query",
            "threshold-unit",
            "ratio-no-series",
            "placeholder-unknown",
            "strategy-overridden");

    @TempDir
    Path dir;

    private List<String> lint(String yaml) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        return PlanLint.check(PlanFile.bind(file, PlugIns.registries())).stream()
                .filter(f -> RULES.contains(f.rule()))
                .map(Finding::toString)
                .toList();
    }

    private static String trigger(String settings) {
        return "rollback:\n  - { id: DEP-020, " + settings
                + ", for: 5m, procedure: [Traffic back], notification: [\"#incidents\"], owner: tech-lead }\n";
    }

    @Test
    void aReleasingEnvironmentWithoutMetricsIsAnError() throws Exception {
        assertThat(lint(
                        """
                environments:
                  - name: staging
                    target: { type: command, deploy: scripts/deploy.sh, rollback: scripts/back.sh }
                  - { name: notes, id: DEP-002 }
                """
                                + trigger("metric: error_rate, query: 'errors', threshold: \"> 2%\"")))
                .containsExactly(
                        "gantry.yaml:2:5: error [trigger-no-source] environment \"staging\" releases (it has a target)"
                                + " and DEP-020 watches it, but it has no metrics: every sample has no data, so every"
                                + " release rolls back; add metrics: { type: prometheus, url: ... }");
    }

    @Test
    void aTriggerWithoutQueryWatchedWhereReleasesGoIsAnError() throws Exception {
        assertThat(lint(
                        """
                environments:
                  - name: staging
                    target: { type: command, deploy: scripts/deploy.sh, rollback: scripts/back.sh }
                    metrics: { type: command, run: [scripts/metric.sh, "{query}"] }
                """
                                + trigger("metric: error_rate, threshold: \"> 2%\"")))
                .containsExactly(
                        "gantry.yaml:6:5: error [trigger-no-query] DEP-020: rollback trigger without query, watched in"
                                + " staging: the metric source is asked for \"error_rate\" as written, which is rarely"
                                + " a series it has, and no data rolls back; add query: with the PromQL, JSON path or"
                                + " script argument that gives the value");
    }

    @Test
    void triggersOfEnvironmentsThatDoNotReleaseNeedNoSourceYet() throws Exception {
        assertThat(lint("environments:\n  - { name: staging, id: DEP-001 }\n"
                        + trigger("metric: error_rate, threshold: \"> 2%\"")))
                .isEmpty();
    }

    @Test
    void aDurationOnARatioIsAnError() throws Exception {
        assertThat(lint(trigger("metric: error_rate, query: 'errors', threshold: \"> 300ms\"")))
                .containsExactly("gantry.yaml:2:68: error [threshold-unit] DEP-020: threshold \"> 300ms\" is a"
                        + " duration, but error_rate is a ratio: give a percentage such as \"> 2%\" (the source's"
                        + " 0.02), or \"> 1.5x baseline\"");
    }

    @Test
    void aPercentageOnALatencyIsAnError() throws Exception {
        assertThat(lint(trigger("metric: p99_latency, query: 'p99', threshold: \"> 5%\"")))
                .singleElement()
                .asString()
                .startsWith("gantry.yaml:2:")
                .contains("error [threshold-unit] DEP-020: threshold \"> 5%\" is a percentage, but p99_latency is a"
                        + " latency: give a duration such as \"> 500ms\"");
    }

    @Test
    void theQueryTellsTheKindWhenTheNameDoesNot() throws Exception {
        assertThat(lint(trigger(
                        "metric: checkout, query: 'histogram_quantile(0.99, sum by (le) (rate(checkout_seconds_bucket[1m])))',"
                                + " threshold: \"> 2%\"")))
                .singleElement()
                .asString()
                .contains("[threshold-unit] DEP-020: threshold \"> 2%\" is a percentage, but checkout is a latency");
        assertThat(lint(trigger("metric: checkout, query: 'checkout_total', threshold: \"> 2%\"")))
                .isEmpty();
    }

    @Test
    void aRatioWhoseNumeratorCanBeEmptyIsAWarningWithItsSafeForm() throws Exception {
        assertThat(lint(trigger("metric: error_rate, query: 'sum(rate(http_requests_total{code=~\"5..\"}[1m]))"
                        + " / sum(rate(http_requests_total[1m]))', threshold: \"> 2%\"")))
                .containsExactly("gantry.yaml:2:47: warning [ratio-no-series] DEP-020: the numerator of this ratio"
                        + " has no series until something matches it (no 5xx yet, say), so the query gives no data"
                        + " instead of 0 and a healthy release rolls back; write it as"
                        + " (sum(rate(http_requests_total{code=~\"5..\"}[1m])) or vector(0)) /"
                        + " sum(rate(http_requests_total[1m]))");
    }

    @Test
    void aRatioWithAFallbackOrAnUnfilteredNumeratorIsFine() throws Exception {
        assertThat(lint(trigger("metric: error_rate, query: '(sum(rate(http_requests_total{code=~\"5..\"}[1m]))"
                        + " or vector(0)) / sum(rate(http_requests_total[1m]))', threshold: \"> 2%\"")))
                .isEmpty();
        assertThat(lint(trigger("metric: error_rate, query: 'sum(rate(failures_total[1m]))"
                        + " / sum(rate(requests_total{job=\"a/b\"}[1m]))', threshold: \"> 2%\"")))
                .isEmpty();
    }

    @Test
    void anUnknownPlaceholderIsAnErrorWithTheNearestOne() throws Exception {
        assertThat(lint(
                        """
                environments:
                  - name: staging
                    target: { type: command, deploy: [scripts/deploy.sh, "{versoin}", "${HOME}"], setWeight: [scripts/w.sh, "{weight}", "{colour}"], rollback: scripts/back.sh }
                    metrics: { type: prometheus, url: "http://prometheus:9090", headers: { X-Scope-OrgID: "{env}" } }
                """
                                + trigger("metric: error_rate, query: 'rate(errors{v=\"{previousVersion}\"}[1m])',"
                                        + " threshold: \"> 2%\"")))
                .containsExactly(
                        "gantry.yaml:3:58: error [placeholder-unknown] unknown placeholder {versoin} in the target,"
                                + " sent as written; did you mean {version}?",
                        "gantry.yaml:4:74: error [placeholder-unknown] unknown placeholder {env} in the metric"
                                + " source, sent as written; did you mean {environment}?",
                        "gantry.yaml:6:47: error [placeholder-unknown] DEP-020: unknown placeholder"
                                + " {previousVersion} in a trigger's query, sent as written; it replaces {version},"
                                + " {environment}");
    }

    @Test
    void checksHaveTheirOwnPlaceholders() throws Exception {
        assertThat(
                        lint(
                                """
                environments:
                  - { name: staging, id: DEP-001 }
                criteria:
                  - { id: DEP-011, title: Notes, check: { type: file, path: "docs/{tag}.md", section: "{weight}" }, owner: qa, category: documentation, links: [EPIC-01] }
                """))
                .singleElement()
                .asString()
                .startsWith("gantry.yaml:4:")
                .endsWith("error [placeholder-unknown] DEP-011: unknown placeholder {weight} in a check, sent as"
                        + " written; it replaces {version}, {tag}, {environment}, {commit}");
    }

    @Test
    void aCanaryWithoutStrategyWarnsWhatEachReleaseTypeRuns() throws Exception {
        assertThat(
                        lint(
                                """
                rollout:
                  canary: { steps: [10%, 50%, 100%], watch: 10m }
                """))
                .containsExactly("gantry.yaml:2:11: warning [strategy-overridden] rollout.canary is configured but"
                        + " rollout.strategy is not, so each release type runs its own: hotfix releases run all at"
                        + " once, patch releases run rolling; add strategy: canary to run it for every release type");
        assertThat(
                        lint(
                                """
                rollout:
                  strategy: canary
                  canary: { steps: [10%, 50%, 100%], watch: 10m }
                """))
                .isEmpty();
        assertThat(lint("rollout:\n  canary: { cadence: 30s }\n")).isEmpty();
        assertThat(
                        lint(
                                """
                rollout:
                  canary: { steps: [10%, 50%, 100%] }
                  rolling: { batches: 3 }
                """))
                .as("the settings of every strategy a release type runs, but all at once, which has none")
                .isEmpty();
    }
}
