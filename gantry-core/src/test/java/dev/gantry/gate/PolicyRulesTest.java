package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.binding.PlanError;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.plan.Plan;
import dev.gantry.policy.Policy;
import dev.gantry.policy.PolicyDocument;
import dev.gantry.testing.PlanText;
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
import org.junit.jupiter.api.io.TempDir;

/** A server policy: a plan may add to it, never weaken it; the effective rules are the plan's and the policy's. */
class PolicyRulesTest {

    @TempDir
    Path dir;

    private static final String POLICY =
            """
            name: production-baseline
            separateApprover: true
            rules:
              - environments: [production]
                types: [minor, major]
                approvers: [tech-lead, qa]
                counts: { qa: 2 }
                blockers: [junit, DEP-007]
            """;

    private static final String PLAN =
            """
            environments:
              - { name: staging }
              - { name: production }
            criteria:
              - { id: DEP-001, title: Tests pass, check: { type: junit, reports: "build/*.xml" }, blocker: true }
              - { id: DEP-007, title: Rollback rehearsed, blocker: true, environments: [production] }
            people:
              - { name: Linh Vo, roles: [qa] }
              - { name: Sam Park, roles: [qa] }
              - { name: Mark Liu, roles: [tech-lead, product-manager] }
            approvals:
              separateApprover: true
              minor: [product-manager, tech-lead, qa]
              counts: { minor: { qa: 2 } }
            """;

    private static Policy policy() throws PlanException {
        return PolicyDocument.parse(POLICY).policy();
    }

    private List<String> lacks(String plan, String environment) throws Exception {
        return PolicyRules.lacks(PlanText.load(dir, plan), policy(), environment, ReleaseType.MINOR, Checks.typeName());
    }

    @Test
    void aPlanThatAddsToThePolicyIsFine() throws Exception {
        assertThat(lacks(PLAN, "production")).isEmpty();
        assertThat(lacks(PLAN.replace("counts: { minor: { qa: 2 } }", ""), "staging"))
                .as("the rule covers production only")
                .isEmpty();
    }

    @Test
    void aPlanThatWeakensThePolicyLacksEachPart() throws Exception {
        String weak = PLAN.replace("minor: [product-manager, tech-lead, qa]", "minor: [product-manager, qa]")
                .replace("counts: { minor: { qa: 2 } }", "")
                .replace("separateApprover: true", "separateApprover: false")
                .replace("title: Rollback rehearsed, blocker: true", "title: Rollback rehearsed, blocker: false")
                .replace("check: { type: junit, reports: \"build/*.xml\" }", "check: { type: file, path: x }");
        assertThat(lacks(weak, "production"))
                .containsExactly(
                        "approvals.minor lacks tech-lead",
                        "approvals.counts.minor.qa is 1; the policy asks for 2",
                        "approvals.separateApprover is off; the policy has it on",
                        "criteria lack junit for production",
                        "DEP-007 is not a blocker for production (DEP-007)");
    }

    @Test
    void theGateRefusesAWeakenedPlanNamingThePolicy() throws Exception {
        Plan weak = PlanText.load(dir, PLAN.replace("counts: { minor: { qa: 2 } }", ""));
        GateResult result = new Gate().evaluate(context(weak, Optional.of(policy())), List.of());
        assertThat(result.decision()).isEqualTo(Decision.NO_GO);
        assertThat(result.outcomes())
                .filteredOn(o -> o.id().equals(Gate.POLICY))
                .singleElement()
                .satisfies(o -> assertThat(o.stops()).isTrue())
                .satisfies(o -> assertThat(o.result().evidence())
                        .isEqualTo("the plan weakens the server policy \"production-baseline\":"
                                + " approvals.counts.minor.qa is 1; the policy asks for 2"));

        GateResult kept = new Gate().evaluate(context(PlanText.load(dir, PLAN), Optional.of(policy())), List.of());
        assertThat(kept.outcomes()).noneMatch(o -> o.id().equals(Gate.POLICY));
        assertThatThrownBy(
                        () -> ReleaseService.requireKeeps(weak, Optional.of(policy()), "production", ReleaseType.MINOR))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("server policy \"production-baseline\"");
    }

    @Test
    void anOverrideLetsNoCriterionThePolicyHoldsPassButStillLetsThePlansOwnPass() throws Exception {
        Plan plan = PlanText.load(dir, PLAN);
        GateOverride rehearsal = new GateOverride(
                "DEP-007", "Mark Liu", "tech-lead", "rehearsed last week", Instant.parse("2026-03-20T07:00:00Z"));

        GateResult held = new Gate().evaluate(context(plan, Optional.of(policy())), List.of(rehearsal));
        assertThat(held.outcomes())
                .filteredOn(o -> o.id().equals("DEP-007"))
                .singleElement()
                .satisfies(o -> assertThat(o.override()).isEmpty())
                .satisfies(o -> assertThat(o.stops()).isTrue())
                .satisfies(o -> assertThat(o.result().evidence())
                        .endsWith("(the override by Mark Liu does not count: the server policy"
                                + " \"production-baseline\" holds this criterion)"));
        assertThat(held.decision()).isEqualTo(Decision.NO_GO);

        GateResult free = new Gate().evaluate(context(plan, Optional.empty()), List.of(rehearsal));
        assertThat(free.outcomes())
                .filteredOn(o -> o.id().equals("DEP-007"))
                .singleElement()
                .satisfies(o -> assertThat(o.override()).isPresent())
                .satisfies(o -> assertThat(o.stops()).isFalse());
    }

    @Test
    void theEffectiveRulesAreThePlansWithWhatThePolicyAdds() throws Exception {
        Plan plan = PlanText.load(
                dir,
                PLAN.replace("counts: { minor: { qa: 2 } }", "")
                        .replace("separateApprover: true", "separateApprover: false")
                        .replace("minor: [product-manager, tech-lead, qa]", "minor: [product-manager, qa]"));
        ApprovalRules rules =
                ApprovalRules.of(plan, ReleaseType.MINOR, Optional.of(policy()), Optional.of("production"));
        assertThat(rules.roles())
                .containsExactly(
                        new ApprovalRules.RequiredRole("product-manager", 1, "plan"),
                        new ApprovalRules.RequiredRole("qa", 2, "policy production-baseline"),
                        new ApprovalRules.RequiredRole("tech-lead", 1, "policy production-baseline"));
        assertThat(rules.separateApprover()).isTrue();
        assertThat(ApprovalRules.of(plan, ReleaseType.MINOR, Optional.of(policy()), Optional.of("staging")))
                .isEqualTo(new ApprovalRules(
                        ReleaseType.MINOR,
                        List.of(
                                new ApprovalRules.RequiredRole("product-manager", 1, "plan"),
                                new ApprovalRules.RequiredRole("qa", 1, "plan")),
                        true));
    }

    @Test
    void aMalformedPolicyIsRefusedWithEveryErrorAndItsPlace() {
        assertThatThrownBy(
                        () -> PolicyDocument.parse(
                                """
                        separateApprover: sure
                        rules:
                          - types: [mayor]
                          - approvers: [qa]
                            counts: { qa: 0 }
                          - aprovers: [qa]
                        """))
                .isInstanceOfSatisfying(PlanException.class, e -> assertThat(
                                e.errors().stream().map(PlanError::toString).toList())
                        .containsExactly(
                                "policy.yaml:1:1: missing required key \"name\"",
                                "policy.yaml:1:19: separateApprover: expected true or false, got \"sure\"",
                                "policy.yaml:3:13: rules[0].types[0]: expected one of hotfix, patch, minor, major, got"
                                        + " \"mayor\"",
                                "policy.yaml:5:13: rules[1].counts: qa: expected a number of approvers of at least 1,"
                                        + " got 0",
                                "policy.yaml:6:5: rules[2].aprovers: unknown key \"aprovers\"; did you mean"
                                        + " \"approvers\"?"));
    }

    private static CheckContext context(Plan plan, Optional<Policy> policy) {
        return new CheckContext(
                Path.of("."),
                null,
                plan,
                "production",
                Version.parse("2.4.0"),
                "v2.4.0",
                Optional.of("v2.3.0"),
                "0123456789abcdef0123456789abcdef01234567",
                ReleaseType.MINOR,
                false,
                Clock.fixed(Instant.parse("2026-03-20T08:00:00Z"), ZoneOffset.UTC),
                null,
                Map.of(),
                policy);
    }
}
