package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gantry.analysis.Evaluation.State;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Rollout;
import dev.gantry.plan.Severity;
import dev.gantry.plan.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The watch remembers only the current breach and the current run of missing samples; these properties check that
 * this is all the history it needs. The threshold arithmetic itself is checked by examples in {@link
 * TriggerWatchTest}.
 */
class TriggerWatchProperties {

    private static final Instant T0 = Instant.parse("2026-03-07T10:00:00Z");

    /** A threshold, and a value with a baseline that is on its safe side. */
    record Limit(String threshold, double safeValue, double safeBaseline) {}

    /** One sample: how long after the previous one, and its value (none for a failed reading) and baseline. */
    record Step(Duration after, OptionalDouble value, OptionalDouble baseline) {}

    record Case(RollbackTrigger trigger, Limit limit, List<Step> steps) {}

    private static final List<Limit> LIMITS = List.of(
            new Limit("> 2%", 0.01, 0),
            new Limit(">= 2%", 0.01, 0),
            new Limit("< 99.9%", 1, 0),
            new Limit("<= 2%", 0.05, 0),
            new Limit("> 500ms", 0.2, 0),
            new Limit(">= 0.5s", 0.2, 0),
            new Limit("> 100", 1, 0),
            new Limit("<= 10", 50, 0),
            new Limit("> 1.5x baseline", 1, 1),
            new Limit(">= 1x baseline", 0.5, 1),
            new Limit("< 0.5x baseline", 100, 100));

    @Property(tries = 500)
    void agreesWithAnEvaluatorThatKeepsTheWholeHistory(@ForAll("cases") Case sample) {
        TriggerWatch watch = TriggerWatch.of(sample.trigger());
        List<Instant> times = times(sample.steps());
        for (int i = 0; i < sample.steps().size(); i++) {
            Step step = sample.steps().get(i);
            Evaluation evaluation = watch.observe(reading(step, times.get(i)), step.baseline());
            List<Step> history = sample.steps().subList(0, i + 1);

            assertThat(evaluation.state())
                    .as("sample %d: %s", i, evaluation.reason())
                    .isEqualTo(naive(sample.trigger(), history, times));
            assertThat(evaluation.fired()).isEqualTo(evaluation.state().fired());
            if (usable(sample.trigger(), step)) {
                assertThat(evaluation.observed())
                        .isEqualTo(OptionalDouble.of(
                                measure(sample.trigger(), step).observed()));
            } else {
                assertThat(evaluation.observed()).isEmpty();
            }
        }
    }

    @Property(tries = 500)
    void aRecoveryForgetsEverythingBeforeIt(@ForAll("cases") Case before, @ForAll("stepLists") List<Step> after) {
        Limit limit = before.limit();
        List<Step> fresh = new ArrayList<>();
        fresh.add(new Step(
                Duration.ofMinutes(1), OptionalDouble.of(limit.safeValue()), OptionalDouble.of(limit.safeBaseline())));
        fresh.addAll(after);
        List<Step> all = new ArrayList<>(before.steps());
        all.addAll(fresh);
        List<Instant> times = times(all);

        TriggerWatch continued = TriggerWatch.of(before.trigger());
        TriggerWatch started = TriggerWatch.of(before.trigger());
        for (int i = 0; i < before.steps().size(); i++) {
            continued.observe(reading(all.get(i), times.get(i)), all.get(i).baseline());
        }
        for (int i = before.steps().size(); i < all.size(); i++) {
            Reading reading = reading(all.get(i), times.get(i));
            Evaluation evaluation = continued.observe(reading, all.get(i).baseline());
            if (i == before.steps().size()) assertThat(evaluation.state()).isEqualTo(State.OK);
            assertThat(evaluation).isEqualTo(started.observe(reading, all.get(i).baseline()));
        }
    }

    @Property(tries = 1000)
    void noSequenceMakesItThrow(
            @ForAll("anyThresholds") Threshold threshold,
            @ForAll("anyDurations") Duration sustained,
            @ForAll("anyNoData") int noData,
            @ForAll("anySamples") List<Step> steps) {
        TriggerWatch watch = TriggerWatch.of(trigger(threshold, sustained, noData));
        Instant at = T0;
        for (Step step : steps) {
            at = at.plus(step.after());
            Instant now = at;
            assertThatCode(() -> {
                        Evaluation evaluation = watch.observe(reading(step, now), step.baseline());
                        assertThat(evaluation.reason()).isNotBlank().doesNotContain("\n");
                    })
                    .doesNotThrowAnyException();
        }
    }

    /** The state from the whole history: the trailing run of missing samples, or the breach the last value ends. */
    private static State naive(RollbackTrigger trigger, List<Step> history, List<Instant> times) {
        int last = history.size() - 1;
        if (!usable(trigger, history.get(last))) {
            int run = 0;
            for (int i = last; i >= 0 && !usable(trigger, history.get(i)); i--) run++;
            return run >= trigger.noData() ? State.NO_DATA_FIRED : State.NO_DATA;
        }
        if (!measure(trigger, history.get(last)).breached()) return State.OK;
        Instant start = times.get(last);
        for (int i = last; i >= 0; i--) {
            Step step = history.get(i);
            if (!usable(trigger, step)) continue;
            if (!measure(trigger, step).breached()) break;
            start = times.get(i);
        }
        Duration lasted = Duration.between(start, times.get(last));
        return lasted.compareTo(trigger.sustained()) >= 0 ? State.FIRED : State.BREACHING;
    }

    private static boolean usable(RollbackTrigger trigger, Step step) {
        return step.value().isPresent()
                && Measurement.baselineProblem(trigger.threshold(), step.baseline())
                        .isEmpty();
    }

    private static Measurement measure(RollbackTrigger trigger, Step step) {
        return Measurement.of(trigger.threshold(), step.value().getAsDouble(), step.baseline());
    }

    private static List<Instant> times(List<Step> steps) {
        List<Instant> times = new ArrayList<>();
        Instant at = T0;
        for (Step step : steps) {
            at = at.plus(step.after());
            times.add(at);
        }
        return times;
    }

    private static Reading reading(Step step, Instant at) {
        return step.value().isPresent()
                ? Reading.of(at, step.value().getAsDouble())
                : Reading.missing(at, "HTTP 500 from http://prometheus:9090");
    }

    private static RollbackTrigger trigger(Threshold threshold, Duration sustained, int noData) {
        return new RollbackTrigger(
                "DEP-003",
                null,
                null,
                "error_rate",
                "q",
                threshold,
                sustained,
                Severity.HARD,
                noData,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Limit> limits = Arbitraries.of(LIMITS);
        // Multiples of 15 seconds, so that samples land exactly on the end of a for as often as not.
        Arbitrary<Duration> sustained = Arbitraries.of(0, 30, 60, 120, 300, 330).map(Duration::ofSeconds);
        Arbitrary<Integer> noData = Arbitraries.integers().between(1, 4);
        return Combinators.combine(limits, sustained, noData, stepLists())
                .as((limit, time, missing, steps) ->
                        new Case(trigger(Threshold.parse(limit.threshold()), time, missing), limit, steps));
    }

    @Provide
    Arbitrary<List<Step>> stepLists() {
        Arbitrary<Duration> after = Arbitraries.integers().between(0, 8).map(n -> Duration.ofSeconds(15L * n));
        // Values around every limit above, in base units, with a share of failed readings.
        Arbitrary<OptionalDouble> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(OptionalDouble.empty())),
                Tuple.of(
                        10,
                        Arbitraries.of(
                                        0.0, 0.01, 0.02, 0.021, 0.2, 0.5, 0.501, 0.999, 1.0, 1.5, 10.0, 50.0, 100.0,
                                        150.0)
                                .map(OptionalDouble::of)),
                Tuple.of(3, Arbitraries.doubles().between(-1, 200).map(OptionalDouble::of)));
        Arbitrary<OptionalDouble> baseline = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(OptionalDouble.empty())),
                Tuple.of(10, Arbitraries.of(0.0, 0.4, 1.0, 100.0).map(OptionalDouble::of)),
                Tuple.of(1, Arbitraries.just(OptionalDouble.of(-1))));
        return Combinators.combine(after, value, baseline)
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    @Provide
    Arbitrary<Threshold> anyThresholds() {
        Arbitrary<Double> value = Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-300));
        return Combinators.combine(
                        Arbitraries.of(Threshold.Comparison.class), value, Arbitraries.of(Threshold.Unit.class))
                .as(Threshold::new);
    }

    @Provide
    Arbitrary<Duration> anyDurations() {
        return Arbitraries.longs().between(0, Rollout.MAX_WATCH.toMillis()).map(Duration::ofMillis);
    }

    @Provide
    Arbitrary<Integer> anyNoData() {
        return Arbitraries.integers().between(1, Integer.MAX_VALUE);
    }

    /** Any values and baselines the types allow, and times that may go backwards. */
    @Provide
    Arbitrary<List<Step>> anySamples() {
        Arbitrary<Duration> after =
                Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L).map(Duration::ofMillis);
        Arbitrary<Double> extreme = Arbitraries.of(
                0.0, -0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 1e300);
        Arbitrary<OptionalDouble> value = Arbitraries.oneOf(
                Arbitraries.just(OptionalDouble.empty()),
                Arbitraries.oneOf(Arbitraries.doubles(), extreme).map(OptionalDouble::of));
        Arbitrary<OptionalDouble> baseline = Arbitraries.oneOf(
                Arbitraries.just(OptionalDouble.empty()),
                Arbitraries.oneOf(
                                Arbitraries.doubles(),
                                extreme,
                                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))
                        .map(OptionalDouble::of));
        return Combinators.combine(after, value, baseline).as(Step::new).list().ofMaxSize(60);
    }
}
