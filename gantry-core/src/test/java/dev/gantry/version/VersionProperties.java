package dev.gantry.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Precedence is a total order that printing and parsing keep. */
class VersionProperties {

    @Property(tries = 2000)
    void printingThenParsingGivesTheSameVersion(@ForAll("versions") Version v) {
        assertThat(Version.parse(v.toString())).isEqualTo(v);
    }

    @Property(tries = 2000)
    void precedenceIsAntisymmetric(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Property(tries = 2000)
    void precedenceIsTransitive(
            @ForAll("versions") Version a, @ForAll("versions") Version b, @ForAll("versions") Version c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
        }
    }

    @Property(tries = 2000)
    void aReleaseOutranksItsPreReleases(@ForAll("versions") Version v) {
        if (v.isPreRelease()) assertThat(v.core()).isGreaterThan(v);
    }

    @Provide
    Arbitrary<Version> versions() {
        Arbitrary<Long> part = Arbitraries.longs().between(0, 3);
        Arbitrary<String> identifier = Arbitraries.oneOf(
                Arbitraries.of("alpha", "beta", "rc", "x-y", "0a"),
                Arbitraries.longs().between(0, 12).map(String::valueOf));
        Arbitrary<List<String>> pre = identifier.list().ofMaxSize(3);
        return Combinators.combine(part, part, part, pre).as((ma, mi, pa, p) -> new Version(ma, mi, pa, p, List.of()));
    }
}
