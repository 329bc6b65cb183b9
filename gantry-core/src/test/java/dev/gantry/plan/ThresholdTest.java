package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reading as people read it beside the threshold it is held against. */
class ThresholdTest {

    @Test
    void aRatioReadsAsThePercentageAThresholdStates() {
        assertThat(Threshold.parse("> 2%").inUnit(0.1707)).isEqualTo("17.07%");
        assertThat(Threshold.parse("< 99.9%").inUnit(0.999)).isEqualTo("99.9%");
    }

    @Test
    void secondsReadAsMillisecondsWhetherTheThresholdSaysMsOrS() {
        assertThat(Threshold.parse("> 500ms").inUnit(0.84)).isEqualTo("840ms");
        assertThat(Threshold.parse("> 1.5s").inUnit(0.0123)).isEqualTo("12.3ms");
    }

    @Test
    void aPlainOrRelativeThresholdLeavesTheNumberAsItIs() {
        assertThat(Threshold.parse(">= 100").inUnit(12.5)).isEqualTo("12.5");
        assertThat(Threshold.parse("> 1.5x baseline").inUnit(0.1234567)).isEqualTo("0.123457");
    }
}
