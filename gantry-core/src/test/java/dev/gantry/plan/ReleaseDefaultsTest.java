package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.ReleaseDefaults.Phase;
import dev.gantry.version.ReleaseType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseDefaultsTest {

    private static List<Integer> steps(ReleaseType type) {
        return ReleaseDefaults.of(type).phases().stream().map(Phase::percent).toList();
    }

    @Test
    void aHotfixGoesOutAtOnceAndIsMonitoredForAnHour() {
        ReleaseDefaults hotfix = ReleaseDefaults.of(ReleaseType.HOTFIX);
        assertThat(hotfix.strategy()).isEqualTo(Strategy.ALL_AT_ONCE);
        assertThat(hotfix.phases()).containsExactly(new Phase(100, Duration.ofHours(1)));
        assertThat(hotfix.leadTime().max()).isEqualTo(Duration.ofHours(4));
        assertThat(hotfix.leadTime().label()).isEqualTo("under 4 hours");
    }

    @Test
    void aPatchRollsOutAndIsWatchedHalfAnHour() {
        ReleaseDefaults patch = ReleaseDefaults.of(ReleaseType.PATCH);
        assertThat(patch.strategy()).isEqualTo(Strategy.ROLLING);
        assertThat(patch.phases()).containsExactly(new Phase(100, Duration.ofMinutes(30)));
        assertThat(patch.leadTime().min()).isEqualTo(Duration.ofDays(1));
        assertThat(patch.leadTime().max()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void minorAndMajorReleasesAreCanariesWithTheirOwnSteps() {
        assertThat(ReleaseDefaults.of(ReleaseType.MINOR).strategy()).isEqualTo(Strategy.CANARY);
        assertThat(steps(ReleaseType.MINOR)).containsExactly(10, 50, 100);
        assertThat(ReleaseDefaults.of(ReleaseType.MAJOR).strategy()).isEqualTo(Strategy.CANARY);
        assertThat(steps(ReleaseType.MAJOR)).containsExactly(1, 10, 50, 100);
        assertThat(ReleaseDefaults.of(ReleaseType.MAJOR).phases().stream().map(Phase::watch))
                .containsExactly(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(24));
        assertThat(ReleaseDefaults.of(ReleaseType.MINOR).leadTime().label()).isEqualTo("1 week");
        assertThat(ReleaseDefaults.of(ReleaseType.MAJOR).leadTime().label()).isEqualTo("2-4 weeks");
    }

    @Test
    void everyRolloutGrowsStepByStepToAllTraffic() {
        for (ReleaseType type : ReleaseType.values()) {
            List<Integer> steps = steps(type);
            assertThat(steps)
                    .as(type.label())
                    .isSorted()
                    .doesNotHaveDuplicates()
                    .endsWith(100);
        }
    }

    @Test
    void aRolloutThatStopsShortOfAllTrafficIsRefused() {
        assertThatThrownBy(() -> new ReleaseDefaults(
                        ReleaseType.MINOR,
                        Strategy.CANARY,
                        List.of(new Phase(10, Duration.ofHours(1))),
                        ReleaseDefaults.of(ReleaseType.MINOR).leadTime()))
                .hasMessage("a rollout ends at 100%");
        assertThatThrownBy(() -> new Phase(0, Duration.ZERO)).hasMessageContaining("got 0");
    }
}
