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
                  - { name: ENABLE_2FA }
                  - { name: NEW_PROFILE_UI }
                rollback:
                  - { id: DEP-003, metric: error_rate, threshold: "> 5%", notification: ["#incidents", PagerDuty] }
                """);

        assertThat(RollbackProcedure.steps(plan))
                .containsExactly(
                        "Set feature flags OFF: ENABLE_2FA, NEW_PROFILE_UI (instant mitigation)",
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
        assertThat(RollbackProcedure.steps(plan))
                .containsExactly(
                        "Pause traffic to new version",
                        "Run the database down-migration",
                        "Alert on-call engineer (PagerDuty)",
                        "Investigate root cause");
    }

    @Test
    void aStepNamingTwoKindsStandsForBoth() throws Exception {
        Plan plan = load(
                """
                flags:
                  - { name: new-search }
                rollback:
                  - id: DEP-003
                    metric: error_rate
                    procedure: ["Revert to the previous release tag", "Notify stakeholders and investigate the root cause"]
                """);

        assertThat(RollbackProcedure.steps(plan))
                .containsExactly(
                        "Set feature flags OFF: new-search (instant mitigation)",
                        "Revert to the previous release tag",
                        "Notify stakeholders and investigate the root cause");
    }
}
