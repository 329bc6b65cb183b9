package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.analysis.Evaluation.State;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.Registries;
import dev.gantry.binding.YamlBinder;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerWatchTest {

    private static final Instant T0 = Instant.parse("2026-03-07T10:00:00Z");
    private static final OptionalDouble NONE = OptionalDouble.empty();

    static RollbackTrigger trigger(String yaml) throws PlanException {
        return YamlBinder.bind(Path.of("gantry.yaml"), "id: DEP-003\n" + yaml, RollbackTrigger.class, new Registries())
                .value();
    }

    static TriggerWatch watch(String yaml) throws PlanException {
        return TriggerWatch.of(trigger("metric: error_rate\n" + yaml));
    }

    private static Instant minute(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    private static Evaluation value(TriggerWatch watch, double minutes, double value) {
        return watch.observe(Reading.of(minute(minutes), value), NONE);
    }

    private static Evaluation gap(TriggerWatch watch, double minutes) {
        return watch.observe(Reading.missing(minute(minutes), "HTTP 500 from http://prometheus:9090"), NONE);
    }

    @ParameterizedTest(name = "{1} against \"{0}\" with baseline \"{2}\" is {3}, observed {4}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            > 2%              | 0.021   |      | FIRED | 2.1
            > 2%              | 0.02    |      | OK    | 2
            >= 2%             | 0.02    |      | FIRED | 2
            >= 2%             | 0.0199  |      | OK    | 1.99
            < 99.9%           | 0.998   |      | FIRED | 99.8
            < 99.9%           | 0.999   |      | OK    | 99.9
            <= 99.9%          | 0.999   |      | FIRED | 99.9
            <= 99.9%          | 0.9991  |      | OK    | 99.91
            <= 2.9%           | 0.029   |      | FIRED | 2.9
            > 2.9%            | 0.029   |      | OK    | 2.9
            > 500ms           | 0.501   |      | FIRED | 501
            > 500ms           | 0.5     |      | OK    | 500
            > 0.5s            | 0.501   |      | FIRED | 501
            >= 500.5ms        | 0.5005  |      | FIRED | 500.5
            < 500ms           | 0.499   |      | FIRED | 499
            < 500ms           | 0.5     |      | OK    | 500
            <= 500ms          | 0.5     |      | FIRED | 500
            <= 500ms          | 0.50001 |      | OK    | 500.01
            > 100             | 100.5   |      | FIRED | 100.5
            > 100             | 100     |      | OK    | 100
            >= 100            | 100     |      | FIRED | 100
            >= 100            | 99.99   |      | OK    | 99.99
            < 10              | 9       |      | FIRED | 9
            < 10              | 10      |      | OK    | 10
            <= 10             | 10      |      | FIRED | 10
            <= 10             | 10.1    |      | OK    | 10.1
            > 1.5x baseline   | 0.61    | 0.4  | FIRED | 1.525
            > 1.5x baseline   | 0.6     | 0.4  | OK    | 1.5
            >= 1.5x baseline  | 0.6     | 0.4  | FIRED | 1.5
            >= 1.5x baseline  | 0.59    | 0.4  | OK    | 1.475
            < 0.5x baseline   | 49      | 100  | FIRED | 0.49
            < 0.5x baseline   | 50      | 100  | OK    | 0.5
            <= 0.5x baseline  | 50      | 100  | FIRED | 0.5
            <= 0.5x baseline  | 51      | 100  | OK    | 0.51
            > 1.5x            | 0.001   | 0    | FIRED | Infinity
            > 1.5x baseline   | 0       | 0    | OK    | 1
            >= 1x baseline    | 0       | 0    | FIRED | 1
            < 0.5x baseline   | 0       | 0    | OK    | 1
            < 0.5x baseline   | -1      | 0    | FIRED | -Infinity
            > 2%              | 0.05    | 1000 | FIRED | 5
            """)
    void comparesInTheThresholdsUnit(String threshold, double value, Double baseline, State expected, double observed)
            throws PlanException {
        TriggerWatch watch = watch("threshold: \"" + threshold + "\"");
        OptionalDouble base = baseline == null ? NONE : OptionalDouble.of(baseline);

        Evaluation evaluation = watch.observe(Reading.of(T0, value), base);

        assertThat(evaluation.state()).as(evaluation.reason()).isEqualTo(expected);
        assertThat(evaluation.observed()).hasValue(observed);
    }

    @Test
    void timeNobodyWatchedDoesNotCountTowardABreachsFor() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 2m");

        assertThat(value(watch, 0, 0.05).state()).isEqualTo(State.BREACHING);
        // The coordinator was down for 7 minutes; it may have recovered in between, nobody knows.
        watch.unwatched();
        assertThat(value(watch, 7, 0.05).state()).isEqualTo(State.BREACHING);
        assertThat(value(watch, 8, 0.05).state()).isEqualTo(State.BREACHING);
        assertThat(value(watch, 9, 0.05).state()).isEqualTo(State.FIRED);
    }

    @Test
    void firesWhenTheBreachHasLastedItsForExactly() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 5m");

        assertThat(value(watch, -1, 0.01).state()).isEqualTo(State.OK);
        assertThat(value(watch, 0, 0.026).state()).isEqualTo(State.BREACHING);
        assertThat(value(watch, 3, 0.03).state()).isEqualTo(State.BREACHING);
        assertThat(watch.observe(Reading.of(minute(5).minusMillis(1), 0.03), NONE)
                        .state())
                .isEqualTo(State.BREACHING);
        assertThat(value(watch, 5, 0.026).state()).isEqualTo(State.FIRED);
        assertThat(value(watch, 6, 0.026).state()).isEqualTo(State.FIRED);
    }

    @Test
    void everyMinuteFiresOnTheSixthSampleOfAFiveMinuteBreach() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 5m");

        List<State> states = List.of(0, 1, 2, 3, 4, 5).stream()
                .map(m -> value(watch, m, 0.03).state())
                .toList();

        assertThat(states)
                .containsExactly(
                        State.BREACHING,
                        State.BREACHING,
                        State.BREACHING,
                        State.BREACHING,
                        State.BREACHING,
                        State.FIRED);
    }

    @Test
    void withoutForTheFirstBreachFires() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"");

        assertThat(value(watch, 0, 0.01).state()).isEqualTo(State.OK);
        Evaluation fired = value(watch, 1, 0.026);

        assertThat(fired.state()).isEqualTo(State.FIRED);
        assertThat(fired.reason()).isEqualTo("error_rate 2.6% > 2%");
    }

    @Test
    void theReasonSaysTheValueTheThresholdAndSinceWhen() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 5m");

        assertThat(value(watch, 2, 0.012).reason()).isEqualTo("error_rate 1.2%, not > 2%");
        assertThat(value(watch, 3, 0.026).reason()).isEqualTo("error_rate 2.6% > 2% for 0s of 5m (since 10:03:00)");
        assertThat(value(watch, 4.5, 0.031).reason())
                .isEqualTo("error_rate 3.1% > 2% for 1m30s of 5m (since 10:03:00)");
        assertThat(value(watch, 8, 0.026).reason()).isEqualTo("error_rate 2.6% > 2% for 5m (since 10:03:00)");
        assertThat(value(watch, 9, 0.026).reason()).isEqualTo("error_rate 2.6% > 2% for 6m (since 10:03:00)");
    }

    @Test
    void aRelativeReasonShowsTheRatioAndBothValues() throws PlanException {
        TriggerWatch watch = TriggerWatch.of(trigger("metric: p99_latency\nthreshold: \"> 1.5x baseline\""));

        Evaluation fired = watch.observe(Reading.of(T0, 0.84), OptionalDouble.of(0.4));

        assertThat(fired.reason()).isEqualTo("p99_latency 2.1x baseline (0.84 against 0.4) > 1.5x baseline");
        assertThat(fired.limit()).isEqualTo(1.5);
    }

    @Test
    void aRiseAboveAZeroBaselineIsAnUnboundedRatio() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 3x baseline\"");

        Evaluation fired = watch.observe(Reading.of(T0, 0.0004), OptionalDouble.of(0));

        assertThat(fired.state()).isEqualTo(State.FIRED);
        assertThat(fired.reason()).isEqualTo("error_rate ∞x baseline (0.0004 against 0) > 3x baseline");
    }

    @Test
    void theEvaluationCarriesTheLimitAndTheSeverity() throws PlanException {
        TriggerWatch soft = watch("threshold: \"> 500ms\"\nseverity: soft");
        TriggerWatch hard = watch("threshold: \"> 500ms\"");

        Evaluation evaluation = soft.observe(Reading.of(T0, 0.84), NONE);

        assertThat(evaluation.limit()).isEqualTo(500);
        assertThat(evaluation.observed()).hasValue(840);
        assertThat(evaluation.severity()).isEqualTo(Severity.SOFT);
        assertThat(evaluation.fired()).isTrue();
        assertThat(hard.observe(Reading.of(T0, 0.84), NONE).severity()).isEqualTo(Severity.HARD);
        assertThat(gap(soft, 1).severity()).isEqualTo(Severity.SOFT);
    }

    @Test
    void aRecoveryStartsTheBreachAgain() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 5m");

        value(watch, 0, 0.03);
        value(watch, 4, 0.03);
        assertThat(value(watch, 4.5, 0.02).state()).isEqualTo(State.OK);
        assertThat(value(watch, 5, 0.03).reason()).isEqualTo("error_rate 3% > 2% for 0s of 5m (since 10:05:00)");
        assertThat(value(watch, 9.5, 0.03).state()).isEqualTo(State.BREACHING);
        assertThat(value(watch, 10, 0.03).state()).isEqualTo(State.FIRED);
    }

    @Test
    void aFiredBreachThatRecoversIsOkAndThenBreachesAfresh() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 1m");

        value(watch, 0, 0.03);
        assertThat(value(watch, 1, 0.03).state()).isEqualTo(State.FIRED);
        assertThat(value(watch, 2, 0.01).state()).isEqualTo(State.OK);
        assertThat(value(watch, 3, 0.03).state()).isEqualTo(State.BREACHING);
    }

    @Test
    void missingSamplesBreachAfterNoDataInARow() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nnoData: 3");

        Evaluation first = gap(watch, 0);
        Evaluation second = gap(watch, 1);
        Evaluation third = gap(watch, 2);
        Evaluation fourth = gap(watch, 3);

        assertThat(first.state()).isEqualTo(State.NO_DATA);
        assertThat(first.reason()).isEqualTo("no data for 1 of 3 samples: HTTP 500 from http://prometheus:9090");
        assertThat(first.observed()).isEmpty();
        assertThat(first.fired()).isFalse();
        assertThat(second.state()).isEqualTo(State.NO_DATA);
        assertThat(third.state()).isEqualTo(State.NO_DATA_FIRED);
        assertThat(third.reason()).isEqualTo("no data for 3 samples: HTTP 500 from http://prometheus:9090");
        assertThat(third.fired()).isTrue();
        assertThat(fourth.reason()).isEqualTo("no data for 4 samples: HTTP 500 from http://prometheus:9090");
    }

    @Test
    void threeIsTheDefaultNoData() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"");

        gap(watch, 0);
        assertThat(gap(watch, 1).state()).isEqualTo(State.NO_DATA);
        assertThat(gap(watch, 2).state()).isEqualTo(State.NO_DATA_FIRED);
    }

    @Test
    void anyValueRestartsTheMissingCount() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 10m\nnoData: 3");

        gap(watch, 0);
        gap(watch, 1);
        assertThat(value(watch, 2, 0.01).state()).isEqualTo(State.OK);
        gap(watch, 3);
        assertThat(gap(watch, 4).reason()).startsWith("no data for 2 of 3 samples");
        assertThat(value(watch, 5, 0.05).state()).isEqualTo(State.BREACHING);
        gap(watch, 6);
        assertThat(gap(watch, 7).state()).isEqualTo(State.NO_DATA);
        assertThat(gap(watch, 8).state()).isEqualTo(State.NO_DATA_FIRED);
    }

    @Test
    void alternatingGapsAndValuesNeverFire() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nnoData: 2");

        for (int m = 0; m < 20; m += 2) {
            assertThat(gap(watch, m).state()).isEqualTo(State.NO_DATA);
            assertThat(value(watch, m + 1, 0.01).state()).isEqualTo(State.OK);
        }
    }

    @Test
    void oneMissingSampleIsEnoughWhenNoDataIsOne() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nnoData: 1");

        Evaluation evaluation = gap(watch, 0);

        assertThat(evaluation.state()).isEqualTo(State.NO_DATA_FIRED);
        assertThat(evaluation.reason()).isEqualTo("no data for 1 sample: HTTP 500 from http://prometheus:9090");
    }

    @Test
    void aGapNeitherEndsNorFiresABreach() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 5m\nnoData: 5");

        value(watch, 0, 0.03);
        assertThat(gap(watch, 5).state()).isEqualTo(State.NO_DATA);
        assertThat(value(watch, 6, 0.03).reason()).isEqualTo("error_rate 3% > 2% for 6m (since 10:00:00)");
    }

    @Test
    void aRelativeThresholdWithoutABaselineIsNoData() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 1.5x baseline\"\nnoData: 3");

        Evaluation first = watch.observe(Reading.of(minute(0), 0.5), NONE);
        gap(watch, 1);
        Evaluation third = watch.observe(Reading.of(minute(2), 0.5), NONE);

        assertThat(first.state()).isEqualTo(State.NO_DATA);
        assertThat(first.reason()).isEqualTo("no data for 1 of 3 samples: no baseline measured");
        assertThat(first.observed()).isEmpty();
        assertThat(third.state()).isEqualTo(State.NO_DATA_FIRED);
        assertThat(third.reason()).isEqualTo("no data for 3 samples: no baseline measured");
    }

    @Test
    void aRelativeThresholdFollowsTheBaselineOfEachSample() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 1.5x baseline\"\nfor: 2m");

        Evaluation first = watch.observe(Reading.of(minute(0), 0.03), OptionalDouble.of(0.01));
        Evaluation second = watch.observe(Reading.of(minute(1), 0.03), OptionalDouble.of(0.025));
        Evaluation third = watch.observe(Reading.of(minute(2), 0.03), OptionalDouble.of(0.01));
        Evaluation fourth = watch.observe(Reading.of(minute(3), 0.03), OptionalDouble.of(0.01));
        Evaluation fifth = watch.observe(Reading.of(minute(4), 0.03), OptionalDouble.of(0.01));

        assertThat(first.state()).isEqualTo(State.BREACHING);
        assertThat(first.observed()).hasValue(3);
        assertThat(second.state()).isEqualTo(State.OK);
        assertThat(third.state()).isEqualTo(State.BREACHING);
        assertThat(fourth.state()).isEqualTo(State.BREACHING);
        assertThat(fifth.state()).isEqualTo(State.FIRED);
    }

    @Test
    void aNegativeBaselineIsNoData() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 1.5x baseline\"");

        Evaluation evaluation = watch.observe(Reading.of(T0, 0.5), OptionalDouble.of(-2));

        assertThat(evaluation.state()).isEqualTo(State.NO_DATA);
        assertThat(evaluation.reason())
                .isEqualTo("no data for 1 of 3 samples: the baseline -2 is negative, so a ratio to it means nothing");
    }

    @Test
    void anAbsoluteThresholdIgnoresTheBaseline() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"");

        assertThat(watch.observe(Reading.of(T0, 0.01), OptionalDouble.of(-2)).state())
                .isEqualTo(State.OK);
        assertThat(watch.observe(Reading.of(T0, 0.03), OptionalDouble.of(Double.NaN))
                        .state())
                .isEqualTo(State.FIRED);
    }

    @Test
    void aSourceAnswerThatIsNotANumberIsNoData() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"");

        Evaluation evaluation = watch.observe(Reading.of(T0, Double.NaN), NONE);

        assertThat(evaluation.state()).isEqualTo(State.NO_DATA);
        assertThat(evaluation.reason()).isEqualTo("no data for 1 of 3 samples: the source answered NaN, not a number");
    }

    @Test
    void aProblemOnSeveralLinesBecomesOneLine() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"");

        Evaluation evaluation =
                watch.observe(Reading.missing(T0, "HTTP 500 from http://prometheus:9090\n  query timed out\n"), NONE);
        Evaluation blank = watch.observe(Reading.missing(T0, " "), NONE);

        assertThat(evaluation.reason())
                .isEqualTo("no data for 1 of 3 samples: HTTP 500 from http://prometheus:9090 query timed out");
        assertThat(blank.reason()).isEqualTo("no data for 2 of 3 samples: the source gave no value");
    }

    @Test
    void aSampleOutOfOrderCountsAsNoTimePassed() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 5m");

        value(watch, 10, 0.03);

        assertThat(value(watch, 2, 0.03).reason()).isEqualTo("error_rate 3% > 2% for 0s of 5m (since 10:10:00)");
        assertThat(value(watch, 15, 0.03).state()).isEqualTo(State.FIRED);
    }

    @Test
    void aTriggerWithoutThresholdIsRefused() throws PlanException {
        RollbackTrigger trigger = trigger("metric: error_rate\nquery: rate(errors[1m])");

        assertThatThrownBy(() -> TriggerWatch.of(trigger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rollback trigger DEP-003 has no threshold: expected one like \"> 2%\", \"> 500ms\" or"
                        + " \"> 1.5x baseline\"");
    }

    @Test
    void withoutAMetricNameTheReasonNamesTheTrigger() throws PlanException {
        TriggerWatch watch = TriggerWatch.of(trigger("threshold: \"> 2%\""));

        assertThat(watch.observe(Reading.of(T0, 0.03), NONE).reason()).isEqualTo("DEP-003 3% > 2%");
        assertThat(watch.trigger().id()).isEqualTo("DEP-003");
    }

    @Test
    void subSecondForIsWrittenInMilliseconds() throws PlanException {
        TriggerWatch watch = watch("threshold: \"> 2%\"\nfor: 90s");

        Evaluation evaluation = watch.observe(Reading.of(T0, 0.03), NONE);
        Evaluation later = watch.observe(Reading.of(T0.plus(Duration.ofMillis(61_250)), 0.03), NONE);

        assertThat(evaluation.reason()).isEqualTo("error_rate 3% > 2% for 0s of 1m30s (since 10:00:00)");
        assertThat(later.reason()).isEqualTo("error_rate 3% > 2% for 1m1s250ms of 1m30s (since 10:00:00)");
    }
}
