package dev.gantry.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    // The precedence chain given in SemVer 2.0.0, section 11.
    private static final List<String> SPEC_CHAIN = List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0");

    @Test
    void specPrecedenceChainIsOrderedFromAnyShuffle() {
        List<Version> shuffled =
                new ArrayList<>(SPEC_CHAIN.stream().map(Version::parse).toList());
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(Version::toString).containsExactlyElementsOf(SPEC_CHAIN);
    }

    @Test
    void eachLinkOfTheSpecChainIsStrictlyLower() {
        for (int i = 0; i + 1 < SPEC_CHAIN.size(); i++) {
            Version lower = Version.parse(SPEC_CHAIN.get(i));
            Version higher = Version.parse(SPEC_CHAIN.get(i + 1));
            assertThat(lower).as("%s < %s", lower, higher).isLessThan(higher);
            assertThat(higher).isGreaterThan(lower);
        }
    }

    @Test
    void majorMinorPatchCompareNumerically() {
        assertThat(Version.parse("1.0.0")).isLessThan(Version.parse("2.0.0"));
        assertThat(Version.parse("2.0.0")).isLessThan(Version.parse("2.1.0"));
        assertThat(Version.parse("2.1.0")).isLessThan(Version.parse("2.1.1"));
        assertThat(Version.parse("1.9.0")).isLessThan(Version.parse("1.10.0"));
    }

    @Test
    void buildMetadataIsIgnoredInPrecedence() {
        assertThat(Version.parse("1.0.0+20130313144700")).isEqualByComparingTo(Version.parse("1.0.0+exp.sha.5114f85"));
        assertThat(Version.parse("1.0.0-beta+exp.sha.5114f85").toString()).isEqualTo("1.0.0-beta+exp.sha.5114f85");
    }

    @Test
    void numericIdentifiersBeyondLongStillCompare() {
        assertThat(Version.parse("1.0.0-99999999999999999999")).isGreaterThan(Version.parse("1.0.0-9"));
        assertThat(Version.parse("1.0.0-1")).isLessThan(Version.parse("1.0.0-a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01", "1.2.3+", "v1.2.3", "1.2.3-a..b", ""})
    void rejectsWhatTheSpecRejects(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a semantic version");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.0.0-alpha.0valid", "1.0.0-0A.is.legal"
            })
    void acceptsWhatTheSpecAccepts(String text) {
        assertThat(Version.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void bumpsResetLowerParts() {
        Version v = Version.parse("1.3.2");
        assertThat(v.bump(Bump.MAJOR)).hasToString("2.0.0");
        assertThat(v.bump(Bump.MINOR)).hasToString("1.4.0");
        assertThat(v.bump(Bump.PATCH)).hasToString("1.3.3");
    }

    @Test
    void tagPatternsFindTheirVersions() {
        assertThat(TagPattern.parse("v{version}").versionOf("v1.2.3")).contains(Version.parse("1.2.3"));
        assertThat(TagPattern.parse("{version}").versionOf("1.2.3-rc.1")).contains(Version.parse("1.2.3-rc.1"));
        assertThat(TagPattern.parse("api-v{version}").versionOf("api-v2.0.0")).contains(Version.parse("2.0.0"));
        assertThat(TagPattern.parse("api-v{version}").versionOf("v2.0.0")).isEmpty();
        assertThat(TagPattern.parse("v{version}").versionOf("vnext")).isEmpty();
        assertThat(TagPattern.parse("v{version}").refGlob()).isEqualTo("refs/tags/v*");
        assertThatThrownBy(() -> TagPattern.parse("v1")).hasMessageContaining("exactly one \"{version}\"");
        assertThatThrownBy(() -> TagPattern.parse("../../x{version}"))
                .hasMessageContaining("characters git does not allow");
    }
}
