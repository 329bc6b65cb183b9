package dev.gantry.analysis;

import dev.gantry.analysis.Evaluation.State;
import dev.gantry.binding.DurationText;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One rollback trigger watched through one run's samples.
 *
 * <p>{@link #observe} takes every sample in time order and says whether the trigger fires. The watch remembers
 * only when the current breach began and how many samples in a row had no usable value, so its cost per sample
 * does not grow with the run's length and a resumed run rebuilds it by observing its stored samples again.
 *
 * <ul>
 *   <li>A breach fires once it has lasted the trigger's {@code for}, from the first breaching sample's time to
 *       the current sample's time: {@code for: 0} fires on the first breaching sample. A sample on the safe side
 *       ends the breach.
 *   <li>A sample without a usable value (the source failed, or a relative threshold has no baseline) is
 *       {@code NO_DATA}; {@code noData} of them in a row fire. Any usable value restarts the count.
 *   <li>Time nobody watched ({@link #unwatched}, after a coordinator was down) does not count toward a breach's
 *       {@code for}: the breach must last its whole {@code for} again from the next breaching sample.
 *   <li>Samples out of time order are not an error: an earlier sample counts as no time passed.
 * </ul>
 *
 * <p>Not thread-safe: one watch belongs to one run's watch loop.
 */
public final class TriggerWatch {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final RollbackTrigger trigger;
    private final Threshold threshold;
    private final String metric;
    private Instant breachSince;
    private int missing;

    private TriggerWatch(RollbackTrigger trigger) {
        this.trigger = trigger;
        this.threshold = trigger.threshold();
        this.metric = trigger.metric() != null ? trigger.metric() : trigger.id();
    }

    /** A watch for {@code trigger}, which must have a threshold. */
    public static TriggerWatch of(RollbackTrigger trigger) {
        Objects.requireNonNull(trigger, "trigger");
        Threshold threshold = trigger.threshold();
        if (threshold == null) {
            throw new IllegalArgumentException("rollback trigger " + trigger.id()
                    + " has no threshold: expected one like \"> 2%\", \"> 500ms\" or \"> 1.5x baseline\"");
        }
        if (!Double.isFinite(threshold.value())) {
            throw new IllegalArgumentException("rollback trigger " + trigger.id()
                    + ": expected a threshold with a finite value, got " + threshold.value());
        }
        return new TriggerWatch(trigger);
    }

    public RollbackTrigger trigger() {
        return trigger;
    }

    /**
     * The trigger's state after {@code reading}.
     *
     * @param baseline the reference of a relative threshold ({@link Baseline#of}, or the stable version's value at
     *     the same time in a canary); ignored by absolute thresholds
     */
    public Evaluation observe(Reading reading, OptionalDouble baseline) {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(baseline, "baseline");
        if (!reading.hasValue()) {
            return noData(reading.problem().isBlank() ? "the source gave no value" : reading.problem());
        }
        Optional<String> noBaseline = Measurement.baselineProblem(threshold, baseline);
        if (noBaseline.isPresent()) return noData(noBaseline.get());
        missing = 0;
        Measurement measured = Measurement.of(threshold, reading.value().getAsDouble(), baseline);
        String observed = metric + " " + measured.shown();
        if (!measured.breached()) {
            breachSince = null;
            return evaluation(State.OK, measured, observed + ", not " + threshold);
        }
        if (breachSince == null) breachSince = reading.at();
        Duration lasted = Duration.between(breachSince, reading.at());
        if (lasted.isNegative()) lasted = Duration.ZERO;
        Duration needed = trigger.sustained();
        String breach = observed + " " + threshold;
        String since = " (since " + CLOCK.format(breachSince) + ")";
        if (lasted.compareTo(needed) < 0) {
            return evaluation(
                    State.BREACHING,
                    measured,
                    breach + " for " + DurationText.of(lasted) + " of " + DurationText.of(needed) + since);
        }
        boolean atOnce = needed.isZero() && lasted.isZero();
        return evaluation(State.FIRED, measured, atOnce ? breach : breach + " for " + DurationText.of(lasted) + since);
    }

    /** Time nobody watched passed: a breach lasts from the next breaching sample again, never across that time. */
    public void unwatched() {
        breachSince = null;
    }

    // Missing data is never a pass: a dead exporter looks exactly like a quiet, healthy service.
    private Evaluation noData(String problem) {
        if (missing < Integer.MAX_VALUE) missing++;
        String why = problem.strip().replaceAll("\\s*\\R\\s*", " ");
        int allowed = trigger.noData();
        if (missing >= allowed) {
            return new Evaluation(
                    State.NO_DATA_FIRED,
                    OptionalDouble.empty(),
                    threshold.value(),
                    "no data for " + samples(missing) + ": " + why,
                    trigger.severity());
        }
        return new Evaluation(
                State.NO_DATA,
                OptionalDouble.empty(),
                threshold.value(),
                "no data for " + missing + " of " + samples(allowed) + ": " + why,
                trigger.severity());
    }

    private Evaluation evaluation(State state, Measurement measured, String reason) {
        return new Evaluation(
                state, OptionalDouble.of(measured.observed()), threshold.value(), reason, trigger.severity());
    }

    private static String samples(int count) {
        return count + (count == 1 ? " sample" : " samples");
    }
}
