package dev.gantry.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.PlanText;
import dev.gantry.version.ReleaseType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan asks for more than one approver of a role per release type, and a count nobody can meet is an error. */
class ApproverCountsTest {

    @TempDir
    Path dir;

    private static final String PEOPLE =
            """
            people:
              - { name: Linh Vo, roles: [qa] }
              - { name: Sam Park, roles: [qa] }
              - { name: Mark Liu, roles: [tech-lead] }
            """;

    @Test
    void aCountedRoleNeedsThatManyApproversAndOthersOne() throws Exception {
        Plan plan = PlanText.load(
                dir,
                PEOPLE
                        + """
                approvals:
                  major: [tech-lead, qa]
                  counts:
                    major: { qa: 2 }
                """);
        assertThat(plan.approvals().count(ReleaseType.MAJOR, "qa")).isEqualTo(2);
        assertThat(plan.approvals().count(ReleaseType.MAJOR, "tech-lead")).isEqualTo(1);
        assertThat(plan.approvals().count(ReleaseType.PATCH, "qa")).isEqualTo(1);
    }

    @Test
    void aBadCountIsAnErrorAtItsPlace() throws Exception {
        assertThat(
                        PlanText.errors(
                                dir,
                                PEOPLE
                                        + """
                approvals:
                  patch: [tech-lead, qa]
                  major: [tech-lead, qa]
                  counts:
                    hotfix: { tech-lead: 0 }
                    patch:
                      qa: -1
                    minor: { security: 2 }
                    major: { qa: 3 }
                """))
                .containsExactly(
                        "gantry.yaml:9:13: approvals.counts.hotfix.tech-lead: expected a number of approvers of at"
                                + " least 1, got 0",
                        "gantry.yaml:11:7: approvals.counts.patch.qa: expected a number of approvers of at least 1,"
                                + " got -1",
                        "gantry.yaml:12:12: approvals.counts.minor.security: a minor release does not require"
                                + " security; it requires product-manager, tech-lead, qa (approvals.minor)",
                        "gantry.yaml:13:12: approvals.counts.major.qa: qa needs 3 approvers but only 2 in people"
                                + " hold it (Linh Vo, Sam Park)");
    }

    @Test
    void anUnknownReleaseTypeUnderCountsIsAnError() throws Exception {
        assertThat(PlanText.errors(dir, "approvals:\n  counts:\n    majr: { qa: 2 }\n"))
                .singleElement()
                .asString()
                .startsWith("gantry.yaml:3:5: approvals.counts.majr: unknown key \"majr\"; did you mean \"major\"?");
    }
}
