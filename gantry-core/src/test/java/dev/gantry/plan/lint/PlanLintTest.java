package dev.gantry.plan.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.PlanFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLintTest {

    @TempDir
    Path dir;

    private List<String> lint(String yaml) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        return PlanLint.check(PlanFile.bind(file, PlugIns.registries())).stream()
                .map(Finding::toString)
                .toList();
    }

    @Test
    void anEmptyPlanMissesEveryQualityGate() throws Exception {
        assertThat(lint("project: shop\n"))
                .containsExactly(
                        "gantry.yaml:1:1: warning [no-environments] no environments: add staging and production (DEP Environment) so the release has somewhere to go",
                        "gantry.yaml:1:1: error [no-criteria] no release criteria: \"it works on my machine\"; add DEP Criteria the gate can check",
                        "gantry.yaml:1:1: error [no-rollback] no rollback plan: \"we'll figure it out\"; add DEP Rollback triggers with thresholds and procedures",
                        "gantry.yaml:1:1: error [no-validation] deploy and pray: no validation steps; add DEP Validation smoke tests that run after the deploy");
    }

    @Test
    void eachAntiPatternIsAFindingOnItsEntry() throws Exception {
        assertThat(
                        lint(
                                """
                people:
                  - { name: Mark Liu, roles: [release-manager, tech-lead, qa, product-manager, security, executive-sponsor] }
                environments:
                  - { name: staging, id: DEP-001, owner: tech-lead }
                  - { name: production, id: DEP-002, owner: tech-lead }
                criteria:
                  - id: DEP-010
                    title: Tests pass
                    category: functional
                    owner: qa
                    links: [TEST-001]
                  - id: DEP-011
                    title: Approved
                    check: { type: approvals }
                    owner: Someone Else
                    links: [TICKET-9]
                rollback:
                  - id: DEP-020
                    metric: error_rate
                    owner: tech-lead
                validation:
                  - { id: DEP-030, title: Smoke, owner: qa }
                steps:
                  - { id: DEP-040, title: Backup }
                """))
                .containsExactly(
                        "gantry.yaml:5:5: error [production-first] DEP-002: production environment \"production\" requires no earlier environment; add requires: [staging] so a release is proven before it reaches users",
                        "gantry.yaml:7:5: warning [blocker-manual] DEP-010: blocker with no check a machine can run: it passes only when a person ticks it; add check: { type: ... }",
                        "gantry.yaml:12:5: warning [category-missing] DEP-011: no category: functional, performance, security, operational or documentation",
                        "gantry.yaml:15:12: warning [owner-unknown] DEP-011: owner \"Someone Else\" is neither a person nor a role in people",
                        "gantry.yaml:16:12: warning [link-unknown] DEP-011: linked ID \"TICKET-9\" has none of the prefixes EPIC-, TEST-, API-, KPI-, RISK-, UJ-, MON-, RUN-, ENV-, ARC-, TECH-, REQ-, BUG-, DEP-",
                        "gantry.yaml:18:5: error [rollback-threshold] DEP-020: rollback trigger without threshold: add one such as threshold: \"> 2%\"",
                        "gantry.yaml:18:5: error [rollback-procedure] DEP-020: rollback trigger without procedure: list the steps, such as flags off, traffic back, revert, notify",
                        "gantry.yaml:18:5: warning [rollback-notification] DEP-020: nobody is notified when it fires",
                        "gantry.yaml:24:5: warning [owner-missing] DEP-040: no owner: unclear ownership, nobody knows who verifies it; add owner: NAME or ROLE");
    }

    @Test
    void aCompletePlanIsClean() throws Exception {
        assertThat(
                        lint(
                                """
                people:
                  - { name: Mark Liu, roles: [release-manager, tech-lead] }
                  - { name: Linh Vo, roles: [qa, product-manager, security, executive-sponsor] }
                environments:
                  - { name: staging, id: DEP-001, owner: tech-lead }
                  - { name: production, id: DEP-002, owner: tech-lead, requires: [staging] }
                criteria:
                  - { id: DEP-010, title: Approved, check: { type: approvals }, owner: qa, category: operational, links: [EPIC-01] }
                rollback:
                  - id: DEP-020
                    metric: error_rate
                    threshold: "> 2%"
                    for: 5m
                    procedure: [Send traffic back, Notify]
                    notification: ["#incidents"]
                    owner: tech-lead
                validation:
                  - { id: DEP-030, title: Smoke, owner: qa }
                """))
                .isEmpty();
    }

    @Test
    void rolesNobodyHoldsAreFound() throws Exception {
        assertThat(
                        lint(
                                """
                people:
                  - { name: Mark Liu, roles: [tech-lead] }
                approvals:
                  major: [tech-lead, security]
                """))
                .filteredOn(f -> f.contains("role-unfilled"))
                .containsExactly(
                        "gantry.yaml:4:3: warning [role-unfilled] nobody in people holds the role \"qa\" that patch and minor releases need to be approved",
                        "gantry.yaml:4:3: warning [role-unfilled] nobody in people holds the role \"product-manager\" that minor releases need to be approved",
                        "gantry.yaml:4:3: warning [role-unfilled] nobody in people holds the role \"security\" that major releases need to be approved");
    }
}
