package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.flags.sdk.json.ContextReader;
import dev.gantry.flags.sdk.json.StateReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Flags × contexts: whether the flag is on, its variant and the reason, one named case per row. */
class FlagEvaluatorTest {

    private static FlagEvaluator evaluator;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FlagEvaluatorTest.class.getResourceAsStream("evaluator-table-state.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Clock clock = Clock.fixed(Instant.parse("2026-03-07T14:00:00Z"), ZoneOffset.UTC);
            evaluator =
                    FlagEvaluator.of(StateReader.read(json), new EvaluatorOptions(clock, "app-1.example", bound -> 0));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
        plain-on       | {}                                                  | true  | disabled | on for everyone: the flag is on and has no strategies
        plain-off      | {"userId":"1"}                                      | false | disabled | flag off
        no-such-flag   | {}                                                  | false | disabled | flag not found: the state has no flag "no-such-flag"
        rollout-25     | {"userId":"123"}                                    | false | disabled | no strategy matched: strategies[0] (flexibleRollout) the 25% rollout on default did not include this context
        rollout-25     | {"userId":"999"}                                    | false | disabled | no strategy matched: strategies[0] (flexibleRollout) the 25% rollout on default did not include this context
        rollout-25     | {"sessionId":"s-1"}                                 | true  | disabled | strategies[0] (flexibleRollout) matched
        rollout-25     | {"sessionId":"s-5"}                                 | false | disabled | no strategy matched: strategies[0] (flexibleRollout) the 25% rollout on default did not include this context
        rollout-25     | {}                                                  | true  | disabled | strategies[0] (flexibleRollout) matched
        beta-europe    | {"userId":"7"}                                      | true  | disabled | strategies[0] (userWithId) matched
        beta-europe    | {"userId":"1","properties":{"country":"de","appVersion":"2.0.0","age":"30"}} | true | disabled | strategies[1] (default) matched, its 3 constraints held
        beta-europe    | {"userId":"1","properties":{"country":"de","appVersion":"2.0.0-rc.1","age":"30"}} | false | disabled | no strategy matched: strategies[0] (userWithId) userId is not one of its userIds; strategies[1] (default) constraints[1] appVersion SEMVER_GT "2.0.0-rc.1" did not hold
        beta-europe    | {"userId":"1","properties":{"country":"de","appVersion":"2.0.0-rc.2","age":"17"}} | false | disabled | no strategy matched: strategies[0] (userWithId) userId is not one of its userIds; strategies[1] (default) segment 1 (adults) age NUM_GTE "18" did not hold
        beta-europe    | {"userId":"1","properties":{"country":"us"}}        | false | disabled | no strategy matched: strategies[0] (userWithId) userId is not one of its userIds; strategies[1] (default) constraints[0] country IN ["de", "fr"] did not hold
        launch         | {}                                                  | true  | disabled | strategies[0] (default) matched, its constraint held
        launch         | {"currentTime":"2026-02-28T23:59:59Z"}              | false | disabled | no strategy matched: strategies[0] (default) constraints[0] currentTime DATE_AFTER "2026-03-01T00:00:00.000Z" did not hold
        launch         | {"currentTime":"2026-03-01T01:00:00+02:00"}         | false | disabled | no strategy matched: strategies[0] (default) constraints[0] currentTime DATE_AFTER "2026-03-01T00:00:00.000Z" did not hold
        internal       | {"properties":{"email":"Ada.L@Gantry.dev"}}         | true  | disabled | strategies[0] (default) matched, its constraint held
        internal       | {"remoteAddress":"10.2.3.4"}                        | true  | disabled | strategies[1] (remoteAddress) matched
        internal       | {"remoteAddress":"11.0.0.1","properties":{"email":"x@gantry.dev.evil"}} | false | disabled | no strategy matched: strategies[0] (default) constraints[0] email REGEX "^[a-z.]+@gantry\\.dev$" (case-insensitive) did not hold; strategies[1] (remoteAddress) remoteAddress is not in its IPs
        not-blocked    | {}                                                  | true  | disabled | strategies[0] (default) matched, its constraint held
        not-blocked    | {"properties":{"tenant":"blocked"}}                 | false | disabled | no strategy matched: strategies[0] (default) constraints[0] tenant NOT_IN ["blocked"] did not hold
        checkout       | {"userId":"vip"}                                    | true  | blue     | strategies[0] (default) matched
        checkout       | {"userId":"123"}                                    | true  | blue     | strategies[0] (default) matched
        checkout       | {"userId":"125"}                                    | true  | green    | strategies[0] (default) matched
        needs-checkout | {"userId":"vip"}                                    | true  | disabled | on for everyone: the flag is on and has no strategies
        needs-checkout | {"userId":"125"}                                    | false | disabled | dependency checkout not met: checkout gives variant green, not one of [blue]
        needs-off      | {}                                                  | true  | disabled | on for everyone: the flag is on and has no strategies
        orphan         | {}                                                  | false | disabled | dependency gone not met: flag gone is not in the state
        loop-a         | {}                                                  | false | disabled | dependency loop-b not met: dependency cycle: loop-b depends on loop-a
        custom         | {"userId":"1"}                                      | false | disabled | no strategy matched: strategies[0] (myCompanyStrategy) is not a strategy Unleash knows: false, as in Unleash
        odd-operator   | {"properties":{"country":"fr"}}                     | false | disabled | no strategy matched: strategies[0] (default) constraints[0] not country GEO_NEAR ["de"] (an operator Unleash does not know, which always fails) did not hold
        bad-number     | {"properties":{"age":"40"}}                         | false | disabled | flag off: its definition cannot be evaluated: strategies[0] (default): age NUM_GT "eighteen": "eighteen" is not a number
        weightless     | {"userId":"1"}                                      | true  | disabled | on for everyone: the flag is on and has no strategies
        host-only      | {}                                                  | true  | disabled | strategies[0] (applicationHostname) matched
        """)
    void decides(String flag, String context, boolean enabled, String variant, String reason) throws Exception {
        Evaluation evaluation = evaluator.evaluate(flag, ContextReader.read(context));
        assertThat(evaluation.reason().text()).isEqualTo(reason);
        assertThat(evaluation.enabled()).isEqualTo(enabled);
        assertThat(evaluation.variant().name()).isEqualTo(variant);
        assertThat(evaluator.isEnabled(flag, ContextReader.read(context))).isEqualTo(enabled);
    }
}
