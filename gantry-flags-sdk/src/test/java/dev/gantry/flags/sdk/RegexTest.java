package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.flags.sdk.state.Constraint;
import dev.gantry.flags.sdk.state.Operator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegexTest {

    private static Condition regex(String pattern, boolean ignoreCase) throws InvalidFlag {
        return Conditions.compile(
                new Constraint("text", Operator.REGEX, "REGEX", List.of(), Optional.of(pattern), ignoreCase, false),
                Clock.systemUTC());
    }

    private static FlagContext text(String value) {
        return new FlagContext(null, null, null, null, null, null, Map.of("text", value));
    }

    /**
     * (a+)+$ on "aaa…a!" takes exponential time in a backtracking engine (the JDK's would not finish); RE2 semantics
     * answer in one pass. No timing is asserted: the test finishes only because the matcher is linear.
     */
    @Test
    void aCatastrophicPatternRunsInLinearTime() throws Exception {
        Condition condition = regex("(a+)+$", false);
        assertThat(condition.holds(text("a".repeat(50_000) + "!"))).isFalse();
        assertThat(regex("^(a|aa)+$", false).holds(text("a".repeat(100_000) + "b")))
                .isFalse();
    }

    @Test
    void matchesAnywhereUnlessAnchored() throws Exception {
        assertThat(regex("gantry", false).holds(text("use gantry daily"))).isTrue();
        assertThat(regex("^gantry$", false).holds(text("use gantry daily"))).isFalse();
        assertThat(regex("^GANTRY", true).holds(text("gantry"))).isTrue();
    }

    @Test
    void aConstraintWithoutAPatternCannotBeEvaluatedAndHoldsForNobody() {
        // The pattern in "values", where the other operators keep theirs, instead of "value".
        Constraint misplaced =
                new Constraint("text", Operator.REGEX, "REGEX", List.of("^admin$"), Optional.empty(), false, false);
        assertThatThrownBy(() -> Conditions.compile(misplaced, Clock.systemUTC()))
                .isInstanceOf(InvalidFlag.class)
                .hasMessage("text REGEX has no value");
    }

    @Test
    void anInvalidPatternNeverMatches() throws Exception {
        assertThat(regex("(", false).holds(text("("))).isFalse();
        assertThat(regex("a{2,1}", false).holds(text("aa"))).isFalse();
    }
}
