package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

    /** Semantic Versioning 2.0.0, section 11: each version is lower than the next. */
    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "1.0.0-alpha, 1.0.0-alpha.1",
        "1.0.0-alpha.1, 1.0.0-alpha.beta",
        "1.0.0-alpha.beta, 1.0.0-beta",
        "1.0.0-beta, 1.0.0-beta.2",
        "1.0.0-beta.2, 1.0.0-beta.11",
        "1.0.0-beta.11, 1.0.0-rc.1",
        "1.0.0-rc.1, 1.0.0",
        "1.0.0, 2.0.0",
        "2.0.0, 2.1.0",
        "2.1.0, 2.1.1",
        "1.2.3, 1.2.3+build.5",
        "1.2.3+build.5, 1.2.3+build.10",
        "1.2.3+5, 1.2.3+build",
    })
    void ordersVersions(String lower, String higher) {
        assertThat(Semver.parse(lower).compareTo(Semver.parse(higher))).isNegative();
        assertThat(Semver.parse(higher).compareTo(Semver.parse(lower))).isPositive();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1.2.3",
                "1.2",
                "1.2.3.4",
                "01.2.3",
                "1.2.3-",
                "1.2.3-01",
                "1.2.3-a..b",
                "1.2.3+",
                " 1.2.3",
                "1.2.3-ä"
            })
    void refusesWhatIsNotASemanticVersion(String text) {
        assertThat(Semver.parse(text)).isNull();
    }
}
