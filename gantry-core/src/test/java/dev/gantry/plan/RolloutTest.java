package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutTest {

    @TempDir
    Path dir;

    @Test
    void canaryRollingAndBlueGreenSettingsBindWithDefaults() throws Exception {
        Plan plan = PlanText.load(
                dir,
                """
                rollout:
                  strategy: canary
                  canary: { steps: [5%, 25%, 50%, 100%], watch: 10m, cadence: 30s, pauseAt: [50%] }
                  rolling: { batches: 4 }
                """);
        Rollout rollout = plan.rollout();
        assertThat(rollout.strategy()).isEqualTo(Strategy.CANARY);
        assertThat(rollout.canary().steps()).extracting(Weight::percent).containsExactly(5, 25, 50, 100);
        assertThat(rollout.canary().cadence()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rollout.canary().pauseAt()).containsExactly(new Weight(50));
        assertThat(rollout.rolling().batches()).isEqualTo(4);
        assertThat(rollout.rolling().watch()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rollout.blueGreen().keepOld()).isEqualTo(Duration.ofHours(1));
        assertThat(rollout.baseline()).isEqualTo(Duration.ofMinutes(10));
        assertThat(PlanText.load(dir, "project: x\n").rollout().strategy())
                .as("from the release type")
                .isNull();
    }

    @Test
    void canaryWeightsMustIncreaseAndEndAtAHundred() throws Exception {
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                rollout:
                  canary: { steps: [10%, 50%, 50%, 100%] }
                """))
                .containsExactly(
                        "gantry.yaml:2:20: rollout.canary.steps: canary weights must increase, but 50% follows 50%");
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                rollout:
                  canary: { steps: [10%, 50%] }
                """))
                .containsExactly(
                        "gantry.yaml:2:20: rollout.canary.steps: canary weights must end at 100%, the last is 50%");
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                rollout:
                  canary: { steps: [10%, 150%] }
                """))
                .containsExactly(
                        "gantry.yaml:2:26: rollout.canary.steps[1]: expected a weight from 1% to 100%, got \"150%\"");
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                rollout:
                  canary: { steps: [10%, 100%], watch: 5m, cadence: 10m, pauseAt: [10%] }
                """))
                .containsExactly(
                        "gantry.yaml:2:53: rollout.canary.cadence: the cadence must be above zero and at most the watch (5m), got 600s");
        assertThat(
                        PlanText.errors(
                                dir,
                                """
                rollout:
                  canary: { steps: [10%, 100%], pauseAt: [20%] }
                """))
                .containsExactly(
                        "gantry.yaml:2:42: rollout.canary.pauseAt: pauseAt 20% is not one of the steps [10%, 100%]");
        assertThat(PlanText.errors(dir, "rollout:\n  rolling: { batches: 0 }\n"))
                .containsExactly("gantry.yaml:2:23: rollout.rolling.batches: expected batches from 1 to 100, got 0");
    }
}
