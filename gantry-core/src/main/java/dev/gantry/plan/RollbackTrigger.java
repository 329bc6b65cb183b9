package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Key;
import dev.gantry.binding.Required;
import java.time.Duration;
import java.util.List;

/** DEP Rollback: the condition on a metric that rolls the release back, and how. */
@Doc("A rollback trigger watched after the deploy (DEP Rollback)")
public record RollbackTrigger(
        @Required @Doc("Its DEP- id, such as DEP-003") String id,
        @Doc("What it is, in a few words; the metric's name by default") String title,
        @Doc("The condition in words, such as \"5xx error rate exceeds the pre-deployment baseline\"") String trigger,
        @Doc("The metric watched: error_rate, p99_latency, p95_latency, rps, saturation or your own") String metric,
        @Doc("The query that gives the metric, in the metric source's language (PromQL for Prometheus)") String query,
        @Doc("When it breaches: \"> 2%\", \"> 500ms\", \"< 99.9%\", \"> 1.5x baseline\"") Threshold threshold,
        @Key("for") @Doc("How long the breach must last before it fires, such as 5m; at once when absent")
                Duration sustained,
        @Doc("hard: roll back at once; soft: pause and wait for a decision. hard by default") Severity severity,
        @Doc("How many empty or failed samples in a row count as a breach (missing data is never a pass); 3 by"
                        + " default")
                Integer noData,
        @Doc("What noData empty or failed samples in a row mean: breach (the default; acted on as the severity"
                        + " says) or pause (inconclusive: the run waits for a person)")
                NoData onNoData,
        @Doc("The rollback steps, in order") List<String> procedure,
        @Doc("Who is told: the name of a channel under notifications, which Gantry sends to, or free text for"
                        + " people to act on, such as \"#incidents\" or \"PagerDuty on-call\"")
                List<String> notification,
        @Doc("Who owns the trigger: a person or a role of the plan") String owner,
        @Doc("The environments it watches; every environment when absent") List<String> environments,
        @Doc("IDs it traces to: MON-, RUN-, API-, KPI-, ...") List<String> links)
        implements DepEntry {

    public RollbackTrigger {
        DepEntry.checkId(id);
        title = title == null && metric != null ? metric.replace('_', ' ') + " rollback trigger" : title;
        sustained = sustained == null ? Duration.ZERO : sustained;
        DurationText.atMost("sustained", sustained, Rollout.MAX_WATCH, "a breach duration");
        severity = severity == null ? Severity.HARD : severity;
        noData = noData == null ? 3 : noData;
        onNoData = onNoData == null ? NoData.BREACH : onNoData;
        if (noData < 1) throw new InvalidValue("noData", "noData must be 1 or more, got " + noData);
        procedure = procedure == null ? List.of() : List.copyOf(procedure);
        notification = notification == null ? List.of() : List.copyOf(notification);
        environments = environments == null ? List.of() : List.copyOf(environments);
        links = DepEntry.links(links);
    }

    @Override
    public String kind() {
        return "Rollback";
    }

    @Override
    public Stage stage() {
        return Stage.POST_DEPLOY;
    }
}
