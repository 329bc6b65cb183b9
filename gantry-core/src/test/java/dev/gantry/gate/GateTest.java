package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Approvals;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateTest {

    private static final Instant NOW = Instant.parse("2026-03-20T08:00:00Z");

    /** A check that answers what it is told, or throws. */
    record Fixed(Status status, String evidence, boolean fails) implements Check {
        @Override
        public CheckResult evaluate(CheckContext context) {
            if (fails) throw new IllegalStateException("report folder vanished");
            return new CheckResult(status, evidence, List.of(), Map.of());
        }

        @Override
        public String describe() {
            return "answers " + status;
        }
    }

    private static Criterion criterion(String id, Check check, boolean blocker, String... environments) {
        return new Criterion(
                id, "criterion " + id, null, check, null, blocker, "qa", null, List.of(environments), List.of());
    }

    private static Plan plan(Criterion... criteria) {
        return new Plan(
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(criteria),
                null,
                null,
                null,
                List.of(
                        new Person("Mark Liu", List.of("release-manager"), null),
                        new Person("Linh Vo", List.of("qa"), null)),
                Approvals.DEFAULTS,
                null,
                null,
                null);
    }

    private static CheckContext context(Plan plan, String environment) {
        return new CheckContext(
                Path.of("."),
                null,
                plan,
                environment,
                Version.parse("2.3.1"),
                "v2.3.1",
                Optional.of("v2.3.0"),
                "0123456789abcdef0123456789abcdef01234567",
                ReleaseType.PATCH,
                false,
                Clock.fixed(NOW, ZoneOffset.UTC),
                null,
                Map.of());
    }

    private static GateResult gate(Plan plan, String environment, List<GateOverride> overrides) throws Exception {
        return new Gate(c -> "fixed").evaluate(context(plan, environment), overrides);
    }

    @Test
    void allMetIsGo() throws Exception {
        GateResult result = gate(
                plan(criterion("DEP-001", new Fixed(Status.MET, "847 tests", false), true)), "production", List.of());
        assertThat(result.decision()).isEqualTo(Decision.GO);
        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.checkType()).isEqualTo("fixed");
            assertThat(o.verification()).isEqualTo("answers MET");
            assertThat(o.result().evidence()).isEqualTo("847 tests");
        });
    }

    @Test
    void anUnmetBlockerIsNoGoAndAnUnmetNonBlockerIsNot() throws Exception {
        Plan plan = plan(
                criterion("DEP-001", new Fixed(Status.MET, "ok", false), true),
                criterion("DEP-002", new Fixed(Status.UNMET, "2 failed", false), false));
        assertThat(gate(plan, "production", List.of()).decision()).isEqualTo(Decision.GO);
        Plan blocking = plan(criterion("DEP-002", new Fixed(Status.UNMET, "2 failed", false), true));
        assertThat(gate(blocking, "production", List.of()).decision()).isEqualTo(Decision.NO_GO);
    }

    @Test
    void aCheckThatCannotRunIsAnErrorAndNeverAPass() throws Exception {
        Plan plan = plan(
                criterion("DEP-001", new Fixed(Status.MET, "", true), true),
                criterion("DEP-002", new Fixed(Status.ERROR, "reports/*.xml matched no file", false), true));
        GateResult result = gate(plan, "production", List.of());
        assertThat(result.decision()).isEqualTo(Decision.NO_GO);
        assertThat(result.outcomes()).extracting(o -> o.result().status()).containsExactly(Status.ERROR, Status.ERROR);
        assertThat(result.outcomes().get(0).result().evidence()).isEqualTo("the check failed: report folder vanished");
    }

    @Test
    void onlyCriteriaOfTheEnvironmentAreEvaluated() throws Exception {
        Plan plan = plan(
                criterion("DEP-001", new Fixed(Status.UNMET, "", false), true, "production"),
                criterion("DEP-002", new Fixed(Status.MET, "", false), true, "staging", "production"),
                criterion("DEP-003", new Fixed(Status.MET, "", false), true));
        assertThat(gate(plan, "staging", List.of()).outcomes())
                .extracting(CriterionOutcome::id)
                .containsExactly("DEP-002", "DEP-003");
    }

    @Test
    void aManualCriterionIsUnmetUntilTicked() throws Exception {
        GateResult result = gate(plan(criterion("DEP-009", null, true)), "production", List.of());
        assertThat(result.decision()).isEqualTo(Decision.NO_GO);
        assertThat(result.outcomes().get(0).checkType()).isEqualTo(Gate.MANUAL);
        assertThat(result.outcomes().get(0).result().evidence()).contains("gantry tick DEP-009");
    }

    @Test
    void anOverrideTurnsNoGoIntoGoWithOverride() throws Exception {
        Plan plan = plan(criterion("DEP-002", new Fixed(Status.UNMET, "2 failed", false), true));
        List<GateOverride> overrides =
                Overrides.of(plan, "production", List.of("DEP-002"), "Mark Liu", "known flaky", NOW);
        GateResult result = gate(plan, "production", overrides);
        assertThat(result.decision()).isEqualTo(Decision.GO_WITH_OVERRIDE);
        assertThat(result.outcomes().get(0).state()).isEqualTo("Unmet (overridden)");
        assertThat(overrides.get(0).role()).isEqualTo("release-manager");
        assertThat(GateDocument.markdown(result)).contains("| DEP-002 | Mark Liu | release-manager | known flaky |");
    }

    @Test
    void onlyAnOverridingRoleWithAReasonMayOverride() {
        Plan plan = plan(criterion("DEP-002", new Fixed(Status.UNMET, "", false), true, "production"));
        assertThatThrownBy(() -> Overrides.of(plan, "production", List.of("DEP-002"), "Linh Vo", "why not", NOW))
                .hasMessage("Linh Vo holds qa; overriding needs one of: release-manager");
        assertThatThrownBy(() -> Overrides.of(plan, "production", List.of("DEP-002"), "Nobody", "why not", NOW))
                .hasMessageContaining("\"Nobody\" is not in the plan's people");
        assertThatThrownBy(() -> Overrides.of(plan, "production", List.of("DEP-002"), "Mark Liu", " ", NOW))
                .hasMessageContaining("--reason");
        assertThatThrownBy(() -> Overrides.of(plan, "production", List.of("DEP-404"), "Mark Liu", "r", NOW))
                .hasMessage("no criterion DEP-404 in the plan");
        assertThatThrownBy(() -> Overrides.of(plan, "staging", List.of("DEP-002"), "Mark Liu", "r", NOW))
                .hasMessage("DEP-002 does not apply to staging");
    }

    @Test
    void theSameInputsGiveTheSameDocumentsByteForByte() throws Exception {
        Plan plan = plan(
                criterion("DEP-001", new Fixed(Status.MET, "847 tests | 2 skipped", false), true),
                criterion("DEP-002", new Fixed(Status.UNMET, "p99 +7%", false), false));
        GateResult first = gate(plan, "production", List.of());
        GateResult second = gate(plan, "production", List.of());
        assertThat(GateDocument.markdown(second)).isEqualTo(GateDocument.markdown(first));
        assertThat(GateDocument.json(second)).isEqualTo(GateDocument.json(first));
        assertThat(GateDocument.markdown(first)).contains("847 tests \\| 2 skipped");
    }
}
