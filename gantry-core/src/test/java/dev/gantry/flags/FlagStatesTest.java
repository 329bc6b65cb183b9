package dev.gantry.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.FlagEvaluator;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Plan;
import dev.gantry.store.H2Store;
import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagStatesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path root;

    private H2Store store;
    private FlagStates states;
    private Plan plan;

    @BeforeEach
    void open() throws Exception {
        store = H2Store.open(root.resolve("state"));
        states = new FlagStates(store);
        plan = PlanText.load(
                root,
                """
                environments:
                  - { name: staging }
                  - { name: production }
                flags:
                  - { name: new-checkout, type: release, owner: Ana Lima, release: 1.4.0 }
                  - { name: dark-mode, type: experiment, enabled: true }
                  - { name: pay-kill, type: kill-switch }
                """);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void theStateStartsFromThePlansDeclarations() throws Exception {
        List<KeptFlag> flags = states.in(plan, "production");
        assertThat(flags).extracting(KeptFlag::name).containsExactly("new-checkout", "dark-mode", "pay-kill");
        assertThat(flags).extracting(KeptFlag::on).containsExactly(false, true, false);
        assertThat(flags).allSatisfy(f -> assertThat(f.last()).isEmpty());
        assertThat(flags.get(2).feature().type()).contains("kill-switch");
    }

    @Test
    void eachChangeIsKeptWithWhoWhyAndWhenPerEnvironment() throws Exception {
        Optional<FlagEvent> on = states.turn(plan, "staging", "new-checkout", true, "Ana Lima", "ready for QA", T0);
        assertThat(on).isPresent();
        assertThat(states.turn(plan, "staging", "new-checkout", true, "Ana Lima", "again", T0.plusSeconds(1)))
                .as("already on: nothing recorded")
                .isEmpty();
        states.turn(plan, "staging", "new-checkout", false, "Mark Liu", "checkout errors", T0.plusSeconds(60));

        KeptFlag staging = states.flag(plan, "staging", "new-checkout");
        assertThat(staging.on()).isFalse();
        assertThat(staging.last()).hasValueSatisfying(e -> {
            assertThat(e.actor()).isEqualTo("Mark Liu");
            assertThat(e.reason()).isEqualTo("checkout errors");
            assertThat(e.at()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(states.flag(plan, "production", "new-checkout").last()).isEmpty();
        assertThat(states.history(plan, "new-checkout", Optional.empty()))
                .extracting(e -> e.change(), FlagEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new FlagChange.Switched(true), "Ana Lima"),
                        org.assertj.core.groups.Tuple.tuple(new FlagChange.Switched(false), "Mark Liu"));
        assertThat(states.history(plan, "new-checkout", Optional.of("production")))
                .isEmpty();
    }

    @Test
    void aFlagNotDeclaredIsRefusedWithTheNamesDeclared() {
        assertThatThrownBy(() -> states.turn(plan, "production", "new-chekout", true, "Ana", "go", T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessage("flag \"new-chekout\" is not declared in the plan; did you mean \"new-checkout\"? the plan"
                        + " declares: new-checkout, dark-mode, pay-kill");
        assertThatThrownBy(() -> states.turn(plan, "prod", "new-checkout", true, "Ana", "go", T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessage("unknown environment \"prod\"; the plan has: staging, production");
        assertThatThrownBy(() -> states.turn(plan, "production", "new-checkout", true, "Ana", " ", T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessageContaining("reason");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "ok\nproduction: turned on by Mark Liu",
                "approved \u202Eevil",
                "red \u001b[31m",
                "\u200B",
                "\u00A0\u3000",
                "long"
            })
    void aReasonThatIsBlankTooLongOrNotOneLineOfPlainTextIsRefusedAndNothingIsRecorded(String given) throws Exception {
        String reason = given.equals("long") ? "A".repeat(1000) : given;
        String expected = PersonTextRule.expected(reason);
        assertThatThrownBy(() -> states.turn(plan, "production", "new-checkout", true, "Ana", reason, T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> states.configure(
                        plan, "production", "new-checkout", "{\"name\":\"new-checkout\"}", "f.json", "Ana", reason, T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessage(expected);
        assertThat(states.history(plan, "new-checkout", Optional.empty())).isEmpty();
        assertThat(states.turn(plan, "production", "new-checkout", true, "Ana", "A".repeat(500), T0))
                .isPresent();
    }

    /** What the rule says of each reason above, written out so that a change of the rule shows here. */
    private static final class PersonTextRule {
        static String expected(String reason) {
            String rule = "reason takes one line of text without control, bidi or invisible formatting characters;";
            if (reason.length() == 1000) return "reason takes at most 500 characters, got 1000";
            if (reason.startsWith("ok")) return rule + " found U+000A LINE FEED (LF) at character 3";
            if (reason.startsWith("approved")) return rule + " found U+202E RIGHT-TO-LEFT OVERRIDE at character 10";
            if (reason.startsWith("red")) return rule + " found U+001B ESCAPE at character 5";
            return "reason cannot be empty";
        }
    }

    @Test
    void settingsInUnleashsShapeAreKeptAndServedAsUnleashServesThem() throws Exception {
        String feature =
                """
                {"name": "new-checkout",
                 "strategies": [{"name": "flexibleRollout",
                   "parameters": {"rollout": "100", "stickiness": "userId", "groupId": "new-checkout"},
                   "constraints": [{"contextName": "country", "operator": "IN", "values": ["de"]}]}],
                 "variants": [{"name": "blue", "weight": 1000, "payload": {"type": "string", "value": "b"}}],
                 "dependencies": [{"feature": "dark-mode"}]}
                """;
        FlagEvent set = states.configure(
                plan, "production", "new-checkout", feature, "rollout.json", "Ana Lima", "german users first", T0);
        assertThat(set.change()).isInstanceOf(FlagChange.Configured.class);
        states.turn(plan, "production", "new-checkout", true, "Ana Lima", "go", T0.plusSeconds(5));

        FlagState exported = states.export(plan, "production");
        assertThat(exported.environment()).contains("production");
        FlagState reread = StateReader.read(StateWriter.write(exported));
        assertThat(reread).isEqualTo(exported);

        FlagEvaluator evaluator = FlagEvaluator.of(reread, EvaluatorOptions.system());
        FlagContext german = new FlagContext("42", null, null, "production", null, null, Map.of("country", "de"));
        FlagContext french = new FlagContext("42", null, null, "production", null, null, Map.of("country", "fr"));
        assertThat(evaluator.evaluate("new-checkout", german).enabled()).isTrue();
        assertThat(evaluator.evaluate("new-checkout", german).variant().name()).isEqualTo("blue");
        assertThat(evaluator.evaluate("new-checkout", french).enabled()).isFalse();
        assertThat(states.export(plan, "staging").features().get(0).strategies())
                .as("another environment keeps its own state")
                .isEmpty();
    }

    @Test
    void badSettingsNameTheirPlaceAndChangeNothing() throws Exception {
        assertThatThrownBy(() -> states.configure(
                        plan,
                        "production",
                        "new-checkout",
                        "{\"name\": \"new-checkout\",\n \"variants\": [{\"name\": \"a\", \"weight\": \"x\"}]}",
                        "f.json",
                        "Ana",
                        "why",
                        T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessage("f.json:2:39: variants[0].weight: expected an integer, got \"x\"");
        assertThatThrownBy(() -> states.configure(
                        plan, "production", "new-checkout", "{\"name\": \"other\"}", "f.json", "Ana", "why", T0))
                .hasMessage("f.json: name: the file configures \"other\", not \"new-checkout\"");
        assertThatThrownBy(() -> states.configure(
                        plan,
                        "production",
                        "new-checkout",
                        "{\"name\": \"new-checkout\", \"dependencies\": [{\"feature\": \"dark-mod\"}]}",
                        "f.json",
                        "Ana",
                        "why",
                        T0))
                .hasMessageStartingWith("f.json: dependencies[0].feature: flag \"dark-mod\" is not declared in the"
                        + " plan; did you mean \"dark-mode\"?");
        assertThatThrownBy(() -> states.configure(
                        plan,
                        "production",
                        "new-checkout",
                        "{\"name\": \"new-checkout\",\n \"strategies\": [{\"name\": \"default\", \"segments\": [7]}]}",
                        "f.json",
                        "Ana",
                        "why",
                        T0))
                .hasMessageStartingWith("f.json:2:50: strategies[0].segments[0]: segment 7 is not defined here");
        assertThat(states.history(plan, "new-checkout", Optional.empty())).isEmpty();
    }

    @Test
    void aDependencyCycleIsRefusedWithItsPathAndOnlyInTheEnvironmentWhereItWouldClose() throws Exception {
        states.configure(
                plan,
                "production",
                "dark-mode",
                "{\"name\": \"dark-mode\", \"dependencies\": [{\"feature\": \"pay-kill\"}]}",
                "a.json",
                "Ana",
                "why",
                T0);
        states.configure(
                plan,
                "production",
                "pay-kill",
                "{\"name\": \"pay-kill\", \"dependencies\": [{\"feature\": \"new-checkout\"}]}",
                "b.json",
                "Ana",
                "why",
                T0);
        String closing = "{\"name\": \"new-checkout\", \"dependencies\": [{\"feature\": \"pay-kill\"},"
                + " {\"feature\": \"dark-mode\", \"enabled\": false}]}";

        assertThatThrownBy(
                        () -> states.configure(plan, "production", "new-checkout", closing, "c.json", "Ana", "why", T0))
                .isInstanceOf(FlagRefused.class)
                .hasMessage("c.json: dependencies[0].feature: a dependency cycle in production: new-checkout → pay-kill"
                        + " → new-checkout");
        assertThat(states.history(plan, "new-checkout", Optional.empty())).isEmpty();
        assertThat(states.configure(plan, "staging", "new-checkout", closing, "c.json", "Ana", "why", T0)
                        .environment())
                .as("staging has none of production's dependencies")
                .isEqualTo("staging");
    }

    @Test
    void segmentsComeWithTheDocumentAndOneIdKeepsOneDefinitionPerEnvironment() throws Exception {
        String withSegment =
                """
                {"features": [{"name": "%s", "enabled": false,
                   "strategies": [{"name": "default", "segments": [1]}]}],
                 "segments": [{"id": 1, "name": "beta", "constraints":
                   [{"contextName": "userId", "operator": "IN", "values": [%s]}]}]}
                """;
        states.configure(
                plan,
                "production",
                "new-checkout",
                withSegment.formatted("new-checkout", "\"1\""),
                "a.json",
                "A",
                "beta users",
                T0);
        states.configure(
                plan,
                "production",
                "dark-mode",
                withSegment.formatted("dark-mode", "\"1\""),
                "b.json",
                "A",
                "same segment",
                T0);
        assertThatThrownBy(() -> states.configure(
                        plan,
                        "production",
                        "dark-mode",
                        withSegment.formatted("dark-mode", "\"2\""),
                        "c.json",
                        "A",
                        "other segment 1",
                        T0))
                .hasMessage("c.json: segments: segment 1 is defined differently by flag \"new-checkout\" in production;"
                        + " give it the same constraints or another id");
        assertThat(states.export(plan, "production").segments()).hasSize(1);
        FlagEvaluator evaluator = FlagEvaluator.of(states.export(plan, "production"), EvaluatorOptions.system());
        assertThat(evaluator
                        .evaluate("dark-mode", new FlagContext("1", null, null, null, null, null, Map.of()))
                        .enabled())
                .isTrue();
        assertThat(evaluator
                        .evaluate("dark-mode", new FlagContext("3", null, null, null, null, null, Map.of()))
                        .enabled())
                .isFalse();
    }

    @Test
    void aRollbackTurnsAFlagOffOnceHoweverOftenItIsAsked() throws Exception {
        states.turn(plan, "production", "new-checkout", true, "Ana", "go", T0);
        Optional<FlagEvent> first =
                states.turnOffFor(plan, "production", "new-checkout", "run-1", "", "rollback", T0.plusSeconds(9));
        Optional<FlagEvent> again =
                states.turnOffFor(plan, "production", "new-checkout", "run-1", "", "rollback", T0.plusSeconds(20));
        assertThat(first).isPresent();
        assertThat(again).isEqualTo(first);
        assertThat(states.turnOffFor(plan, "production", "new-checkout", "run-2", "", "rollback", T0))
                .as("off already, not by run-2")
                .isEmpty();
        assertThat(states.history(plan, "new-checkout", Optional.empty())).hasSize(2);
        assertThat(plan.flagsOfRelease("1.4.0")).extracting(f -> f.name()).containsExactly("new-checkout");
    }

    @Test
    void changesOfAFlagThePlanNoLongerDeclaresCountForNothing() throws Exception {
        states.turn(plan, "production", "dark-mode", false, "Ana", "experiment over", T0);
        Plan without = PlanText.load(
                root,
                """
                environments:
                  - { name: production }
                flags:
                  - { name: new-checkout, release: 1.4.0 }
                """);
        assertThat(states.in(without, "production")).extracting(KeptFlag::name).containsExactly("new-checkout");
    }
}
