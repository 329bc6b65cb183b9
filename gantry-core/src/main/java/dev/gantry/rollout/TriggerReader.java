package dev.gantry.rollout;

import dev.gantry.analysis.Baseline;
import dev.gantry.analysis.Evaluation;
import dev.gantry.analysis.MetricContext;
import dev.gantry.analysis.MetricSource;
import dev.gantry.analysis.Reading;
import dev.gantry.analysis.TriggerWatch;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Threshold;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the rollback triggers of one environment are read from its metric source: the value of each at a moment,
 * the stable version's value beside it when the query names {@code {version}}, and the baseline a relative
 * threshold compares with. A run's watch window and a dry run both read through this class, so a dry run says
 * what a run would.
 *
 * @param metrics the environment's metric source; without one every reading is missing
 * @param version the version whose metrics are read, put in {@code {version}}
 * @param previousVersion the stable version, read beside {@code version} by queries that name {@code {version}}
 * @param variables the process environment, given so tests can set it
 */
public record TriggerReader(
        Optional<MetricSource> metrics,
        String environment,
        Version version,
        Optional<Version> previousVersion,
        Path root,
        Map<String, String> variables) {

    /**
     * One trigger read at one moment, and what its watch made of it.
     *
     * @param stable the stable version's value at the same moment; empty when not read or not there
     * @param baseline what a relative threshold was compared with; empty for absolute thresholds or none found
     */
    public record Sample(
            RollbackTrigger trigger,
            Reading reading,
            OptionalDouble stable,
            OptionalDouble baseline,
            Evaluation evaluation) {}

    public TriggerReader {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(previousVersion, "previousVersion");
        variables = Map.copyOf(variables);
    }

    /** The triggers watched in {@code environment}: those naming it or no environment, with a threshold. */
    public static List<RollbackTrigger> triggers(Plan plan, String environment) {
        return plan.rollback().stream()
                .filter(t -> t.environments().isEmpty() || t.environments().contains(environment))
                .filter(t -> t.threshold() != null)
                .toList();
    }

    /**
     * Reads {@code trigger} at {@code at} and gives the reading to its watch.
     *
     * @param measured the baseline measured before the deploy, for relative triggers that do not compare versions
     */
    public Sample sample(TriggerWatch watch, Instant at, OptionalDouble measured) {
        RollbackTrigger trigger = watch.trigger();
        Reading reading = read(trigger, at);
        // A query naming {version} reads the stable version beside the new one: the baseline of a relative
        // trigger, and for any trigger what users of the stable version see at that moment.
        OptionalDouble stable = comparesVersions(trigger) ? stableAt(trigger, at) : OptionalDouble.empty();
        OptionalDouble baseline = sideBySide(trigger) ? stable : measured;
        return new Sample(trigger, reading, stable, baseline, watch.observe(reading, baseline));
    }

    /** Whether {@code trigger} needs a baseline measured before the deploy: relative, not comparing versions. */
    public boolean needsBaseline(RollbackTrigger trigger) {
        return trigger.threshold().unit() == Threshold.Unit.TIMES_BASELINE && !sideBySide(trigger);
    }

    /** The median of {@code trigger}'s query over {@code before} up to {@code now}, one reading per {@code step}. */
    public OptionalDouble baseline(RollbackTrigger trigger, Instant now, Duration before, Duration step) {
        if (metrics.isEmpty()) return OptionalDouble.empty();
        return Baseline.of(metrics.get().range(query(trigger), now.minus(before), now, step, context(version)));
    }

    /** A relative trigger whose query names {version} compares the new version with the stable one at once. */
    public boolean sideBySide(RollbackTrigger trigger) {
        return trigger.threshold().unit() == Threshold.Unit.TIMES_BASELINE && comparesVersions(trigger);
    }

    private boolean comparesVersions(RollbackTrigger trigger) {
        return trigger.query() != null && trigger.query().contains("{version}") && previousVersion.isPresent();
    }

    private OptionalDouble stableAt(RollbackTrigger trigger, Instant at) {
        if (metrics.isEmpty()) return OptionalDouble.empty();
        return metrics.get()
                .instant(trigger.query(), at, context(previousVersion.get()))
                .value();
    }

    private Reading read(RollbackTrigger trigger, Instant at) {
        if (metrics.isEmpty()) return Reading.missing(at, "no metric source for " + environment);
        return metrics.get().instant(query(trigger), at, context(version));
    }

    /** What a trigger asks its metric source: its query, else its metric's name. */
    private static String query(RollbackTrigger trigger) {
        return trigger.query() != null ? trigger.query() : trigger.metric();
    }

    private MetricContext context(Version read) {
        return new MetricContext(root, environment, read.toString(), variables);
    }
}
