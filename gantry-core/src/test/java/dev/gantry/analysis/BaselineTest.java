package dev.gantry.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BaselineTest {

    private static final Instant T0 = Instant.parse("2026-03-07T09:30:00Z");

    private static Reading at(int minute, double value) {
        return Reading.of(T0.plusSeconds(60L * minute), value);
    }

    private static Reading gap(int minute) {
        return Reading.missing(T0.plusSeconds(60L * minute), "HTTP 500 from prometheus");
    }

    @Test
    void oddCountIsTheMiddleValue() {
        assertThat(Baseline.of(List.of(at(0, 0.012), at(1, 0.010), at(2, 0.011))))
                .hasValue(0.011);
    }

    @Test
    void evenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Baseline.of(List.of(at(0, 4), at(1, 1), at(2, 3), at(3, 2)))).hasValue(2.5);
    }

    @Test
    void oneIncidentMinuteDoesNotMoveIt() {
        List<Reading> window = List.of(at(0, 0.010), at(1, 0.011), at(2, 0.9), at(3, 0.012), at(4, 0.010));

        assertThat(Baseline.of(window)).hasValue(0.011);
    }

    @Test
    void readingsWithoutValuesAreLeftOut() {
        List<Reading> window = List.of(gap(0), at(1, 0.2), gap(2), at(3, 0.4), at(4, 0.3), gap(5));

        assertThat(Baseline.of(window)).hasValue(0.3);
    }

    @Test
    void noValuesIsNoBaseline() {
        assertThat(Baseline.of(List.of(gap(0), gap(1)))).isEqualTo(OptionalDouble.empty());
        assertThat(Baseline.of(List.of())).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void theLargestValuesDoNotOverflow() {
        assertThat(Baseline.of(List.of(at(0, Double.MAX_VALUE), at(1, Double.MAX_VALUE))))
                .hasValue(Double.MAX_VALUE);
    }
}
