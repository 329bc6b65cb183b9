package dev.gantry.local.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each action leaves running, decided from the call and the proxy's stable version alone. */
class LayoutTest {

    private static final Optional<String> NONE = Optional.empty();

    private static Optional<String> v(String version) {
        return Optional.of(version);
    }

    private static Layout layout(String stable, int stableCount, String canary, int canaryCount, int weight) {
        return new Layout(Optional.ofNullable(stable), stableCount, Optional.ofNullable(canary), canaryCount, weight);
    }

    @Test
    void aCanaryStartsBesideTheStableVersionTheProxyServesWithoutTraffic() {
        assertThat(Layout.deploy("1.4.0", v("1.3.0"), v("1.3.0"), 2, 0, 0))
                .isEqualTo(layout("1.3.0", 2, "1.4.0", 2, 0));
    }

    @Test
    void whatTheProxyServesIsTheStableVersionEvenWhenTheReleaseNamesAnotherPreviousOne() {
        assertThat(Layout.deploy("1.4.0", v("1.2.0"), v("1.3.0"), 1, 0, 0))
                .isEqualTo(layout("1.2.0", 1, "1.4.0", 1, 0));
        assertThat(Layout.rollback("1.4.0", v("1.2.0"), v("1.3.0"), 1)).isEqualTo(Layout.only("1.2.0", 1));
    }

    @Test
    void aFirstReleaseIntoTheEnvironmentStartsThePreviousVersionAsStable() {
        assertThat(Layout.deploy("1.4.0", NONE, v("1.3.0"), 2, 0, 0)).isEqualTo(layout("1.3.0", 2, "1.4.0", 2, 0));
    }

    @Test
    void withoutAPreviousVersionTheNewOneHasAllTheTrafficFromTheStart() {
        assertThat(Layout.deploy("1.4.0", NONE, NONE, 2, 0, 0)).isEqualTo(Layout.only("1.4.0", 2));
        assertThat(Layout.weighted("1.4.0", v("1.4.0"), NONE, 2, 50)).isEqualTo(Layout.only("1.4.0", 2));
        assertThat(Layout.promote("1.4.0", 2)).isEqualTo(Layout.only("1.4.0", 2));
        assertThat(Layout.rollback("1.4.0", v("1.4.0"), NONE, 2)).isEqualTo(Layout.nothing());
    }

    @Test
    void aRollingBatchReplacesItsShareOfTheStableInstances() {
        assertThat(Layout.deploy("1.4.0", v("1.3.0"), v("1.3.0"), 3, 33, 1))
                .isEqualTo(layout("1.3.0", 2, "1.4.0", 1, 33));
        assertThat(Layout.deploy("1.4.0", v("1.3.0"), v("1.3.0"), 3, 67, 2))
                .isEqualTo(layout("1.3.0", 1, "1.4.0", 2, 67));
        assertThat(Layout.deploy("1.4.0", v("1.3.0"), v("1.3.0"), 3, 100, 3))
                .isEqualTo(layout("1.3.0", 0, "1.4.0", 3, 100));
        assertThat(Layout.deploy("1.4.0", v("1.3.0"), v("1.3.0"), 1, 50, 1))
                .as("a batch replaces at least one instance")
                .isEqualTo(layout("1.3.0", 0, "1.4.0", 1, 50));
        assertThat(Layout.rollback("1.4.0", v("1.3.0"), v("1.3.0"), 3))
                .as("the replaced stable instances come back")
                .isEqualTo(Layout.only("1.3.0", 3));
    }

    @Test
    void allAtOnceReplacesTheStableVersionAndARollbackBringsThePreviousOneBack() {
        assertThat(Layout.deploy("1.4.0", v("1.3.0"), v("1.3.0"), 2, 100, 0)).isEqualTo(Layout.only("1.4.0", 2));
        assertThat(Layout.rollback("1.4.0", v("1.4.0"), v("1.3.0"), 2)).isEqualTo(Layout.only("1.3.0", 2));
    }

    @Test
    void aWeightKeepsBothVersionsOnAllTheirInstances() {
        assertThat(Layout.weighted("1.4.0", v("1.3.0"), v("1.3.0"), 2, 25))
                .isEqualTo(layout("1.3.0", 2, "1.4.0", 2, 25));
        assertThat(Layout.weighted("1.4.0", v("1.3.0"), v("1.3.0"), 2, 0)).isEqualTo(layout("1.3.0", 2, "1.4.0", 2, 0));
    }

    @Test
    void aRollbackWithoutAProxyGoesBackToThePreviousVersion() {
        assertThat(Layout.rollback("1.4.0", NONE, v("1.3.0"), 2)).isEqualTo(Layout.only("1.3.0", 2));
        assertThat(Layout.rollback("1.4.0", NONE, NONE, 2)).isEqualTo(Layout.nothing());
    }
}
