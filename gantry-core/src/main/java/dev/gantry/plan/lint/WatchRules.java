package dev.gantry.plan.lint;

import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.ReleaseDefaults;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Strategy;
import dev.gantry.plan.Threshold;
import dev.gantry.plan.lint.Finding.Level;
import dev.gantry.version.ReleaseType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that catch a watch window which would roll back a healthy release, or never roll back a broken one:
 * triggers that cannot be read where releases go, thresholds in a unit their metric does not have, ratios that
 * give no series instead of 0, and a configured strategy the release type replaces.
 */
final class WatchRules {

    private final Plan plan;
    private final Findings findings;

    WatchRules(Plan plan, Findings findings) {
        this.plan = plan;
        this.findings = findings;
    }

    void check() {
        releasingEnvironments();
        triggers();
        strategy();
    }

    /** Environments with a target release; a trigger there must have something to read and something to ask. */
    private void releasingEnvironments() {
        for (Environment e : plan.environments()) {
            if (e.target() == null || e.metrics() != null) continue;
            List<String> watching =
                    watching(e).stream().map(RollbackTrigger::id).toList();
            if (watching.isEmpty()) continue;
            findings.entry(
                    "trigger-no-source",
                    Level.ERROR,
                    e,
                    "metrics",
                    "environment \"" + e.name() + "\" releases (it has a target) and " + joined(watching)
                            + (watching.size() == 1 ? " watches" : " watch") + " it, but it has no metrics: every"
                            + " sample has no data, so every release rolls back; add metrics: { type: prometheus,"
                            + " url: ... }");
        }
        for (RollbackTrigger t : plan.rollback()) {
            if (t.query() != null || t.threshold() == null) continue;
            List<String> where = plan.environments().stream()
                    .filter(e -> e.target() != null && applies(t, e))
                    .map(Environment::name)
                    .toList();
            if (where.isEmpty()) continue;
            String asked = t.metric() == null ? "nothing" : "\"" + t.metric() + "\"";
            findings.entry(
                    "trigger-no-query",
                    Level.ERROR,
                    t,
                    "query",
                    "rollback trigger without query, watched in " + joined(where) + ": the metric source is asked"
                            + " for " + asked + " as written, which is rarely a series it has, and no data rolls"
                            + " back; add query: with the PromQL, JSON path or script argument that gives the value");
        }
    }

    private void triggers() {
        for (RollbackTrigger t : plan.rollback()) {
            Threshold threshold = t.threshold();
            if (threshold != null) {
                Optional<MetricKind> kind = MetricKind.of(t.metric(), t.query());
                if (kind.isPresent() && !kind.get().takes(threshold.unit())) {
                    String named = t.metric() != null ? t.metric() : "the query";
                    findings.entry(
                            "threshold-unit",
                            Level.ERROR,
                            t,
                            "threshold",
                            "threshold \"" + threshold + "\" is " + unitWords(threshold.unit()) + ", but " + named
                                    + " is " + kind.get().words() + ": " + advice(kind.get()));
                }
            }
            if (t.query() == null) continue;
            PromQl.ratio(t.query())
                    .filter(PromQl.Ratio::numeratorCanBeEmpty)
                    .ifPresent(ratio -> findings.entry(
                            "ratio-no-series",
                            Level.WARNING,
                            t,
                            "query",
                            "the numerator of this ratio has no series until something matches it (no 5xx yet, say), so"
                                    + " the query gives no data instead of 0 and a healthy release rolls back; write it as "
                                    + ratio.safe()));
        }
    }

    /** A strategy's settings written out, but no {@code strategy:}: the release types' own strategies still run. */
    private void strategy() {
        if (plan.rollout().strategy() != null || !findings.written(plan.rollout())) return;
        Map<Strategy, String> configured = new LinkedHashMap<>();
        if (findings.written(plan.rollout().canary())
                && (!plan.rollout().canary().steps().isEmpty()
                        || !plan.rollout().canary().pauseAt().isEmpty())) {
            configured.put(Strategy.CANARY, "canary");
        }
        if (findings.written(plan.rollout().rolling())) configured.put(Strategy.ROLLING, "rolling");
        if (findings.written(plan.rollout().blueGreen())) configured.put(Strategy.BLUE_GREEN, "blueGreen");
        if (configured.isEmpty()) return;
        List<String> others = new ArrayList<>();
        Set<ReleaseType> overridden = EnumSet.noneOf(ReleaseType.class);
        for (ReleaseType type : ReleaseType.values()) {
            Strategy runs = ReleaseDefaults.of(type).strategy();
            if (configured.containsKey(runs)) continue;
            overridden.add(type);
            others.add(type.label() + " releases run " + runs.label().toLowerCase(Locale.ROOT));
        }
        // All at once has no settings to write, so a plan that configures every other strategy the release types
        // use has said what it wants: only a type running a strategy whose settings were left out is a surprise.
        if (overridden.stream().allMatch(type -> ReleaseDefaults.of(type).strategy() == Strategy.ALL_AT_ONCE)) return;
        Map.Entry<Strategy, String> first = configured.entrySet().iterator().next();
        findings.at(
                "strategy-overridden",
                Level.WARNING,
                "",
                plan.rollout(),
                first.getValue(),
                "rollout." + String.join(" and rollout.", configured.values()) + " "
                        + (configured.size() == 1 ? "is" : "are") + " configured but rollout.strategy is not, so"
                        + " each release type runs its own: " + String.join(", ", others)
                        + "; add strategy: " + strategyWord(first.getKey())
                        + " to run it for every release type");
    }

    private List<RollbackTrigger> watching(Environment e) {
        return plan.rollback().stream()
                .filter(t -> t.threshold() != null && applies(t, e))
                .toList();
    }

    private static boolean applies(RollbackTrigger t, Environment e) {
        return t.environments().isEmpty() || t.environments().contains(e.name());
    }

    private static String strategyWord(Strategy strategy) {
        return strategy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String unitWords(Threshold.Unit unit) {
        return switch (unit) {
            case PERCENT -> "a percentage";
            case MILLISECONDS -> "a duration";
            case TIMES_BASELINE -> "a factor of the baseline";
            case NUMBER -> "a plain number";
        };
    }

    private static String advice(MetricKind kind) {
        return switch (kind) {
            case RATIO -> "give a percentage such as \"> 2%\" (the source's 0.02), or \"> 1.5x baseline\"";
            case LATENCY -> "give a duration such as \"> 500ms\" (the source's 0.5 seconds), or \"> 1.5x baseline\"";
            case THROUGHPUT -> "give a number such as \"< 10\", or \"< 0.5x baseline\"";
        };
    }

    /** "DEP-020", "DEP-020 and DEP-021", "DEP-020, DEP-021 and DEP-022". */
    static String joined(List<String> words) {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
