package dev.gantry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackProcedureTest {

    @TempDir
    Path dir;

    private Plan load(String yaml) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        return PlanFile.load(file, true, PlugIns.registries());
    }

    @Test
    void withoutPlanStepsItIsTheStandardOrder() throws Exception {
        Plan plan = load(
                """
                flags:
                  - { name: ENABLE_2FA, release: 2.4.0 }
                  - { name: NEW_PROFILE_UI, release: v2.4.0 }
                  - { name: DARK_MODE, release: 2.3.0 }
                  - { name: PAYMENTS_OFF, type: kill-switch, release: 2.4.0 }
                  - { name: BETA_USERS, type: permission }
                rollback:
                  - { id: DEP-003, metric: error_rate, threshold: "> 5%", notification: ["#incidents", PagerDuty] }
                """);

        // The flags the rollback of 2.4.0 turns off: not another release's, not a kill switch, not one of no release.
        assertThat(RollbackProcedure.steps(plan, "2.4.0"))
                .containsExactly(
                        "Set feature flags OFF: ENABLE_2FA, NEW_PROFILE_UI (instant mitigation; Gantry does it before"
                                + " traffic moves)",
                        "Revert traffic to the previous version",
                        "Notify stakeholders: #incidents, PagerDuty",
                        "Investigate the root cause, fix and re-release");
    }

    @Test
    void planStepsTakeThePlaceOfTheKindTheyNameAndTheRestFollowTheTraffic() throws Exception {
        Plan plan = load(
                """
                rollback:
                  - id: DEP-003
                    metric: error_rate
                    procedure:
                      - Alert on-call engineer (PagerDuty)
                      - Pause traffic to new version
                      - Run the database down-migration
                  - id: DEP-004
                    metric: p95_latency
                    procedure:
                      - Pause traffic to new version
                      - Investigate root cause
                """);

        // No flags in the plan: no flag step. Each plan step once, in the release process's order.
        assertThat(RollbackProcedure.steps(plan, "1.0.0"))
                .containsExactly(
                        "Pause traffic to new version",
                        "Run the database down-migration",
                        "Alert on-call engineer (PagerDuty)",
                        "Investigate root cause");
    }

    @Test
    void aReleaseThatIntroducesNoFlagHasNoFlagStep() throws Exception {
        Plan plan = load(
                """
                flags:
                  - { name: new-search, release: 1.2.0 }
                """);

        assertThat(RollbackProcedure.steps(plan, "1.3.0"))
                .containsExactly(
                        "Revert traffic to the previous version",
                        "Notify stakeholders",
                        "Investigate the root cause, fix and re-release");
    }

    @Test
    void aStepNamingTwoKindsStandsForBoth() throws Exception {
        Plan plan = load(
                """
                flags:
                  - { name: new-search, release: 1.2.0 }
                rollback:
                  - id: DEP-003
                    metric: error_rate
                    procedure: ["Revert to the previous release tag", "Notify stakeholders and investigate the root cause"]
                """);

        assertThat(RollbackProcedure.steps(plan, "1.2.0"))
                .containsExactly(
                        "Set feature flags OFF: new-search (instant mitigation; Gantry does it before traffic moves)",
                        "Revert to the previous release tag",
                        "Notify stakeholders and investigate the root cause");
    }
}
