package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.Approvals;
import dev.gantry.plan.ApproverCounts;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.store.Approval;
import dev.gantry.version.ReleaseType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** N of M: a role that needs several approvers is filled by that many different people. */
class SignoffCountsTest {

    private static final String COMMIT = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final String PLAN_HASH = "4d1e";
    private static final Instant AT = Instant.parse("2026-03-19T10:00:00Z");
    private static final Authors NOBODY = new Authors(Set.of(), Set.of());

    private static final Plan PLAN = new Plan(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                    new Person("Mark Liu", List.of("tech-lead", "qa"), null),
                    new Person("Linh Vo", List.of("qa"), null),
                    new Person("Sam Park", List.of("qa"), null)),
            new Approvals(
                    null,
                    null,
                    null,
                    List.of("tech-lead", "qa"),
                    false,
                    null,
                    new ApproverCounts(null, null, null, Map.of("qa", 2))),
            null,
            null,
            null);

    private static final ApprovalRules MAJOR = ApprovalRules.of(PLAN, ReleaseType.MAJOR);

    private static Approval approval(String role, String person, int minute) {
        return new Approval("3.0.0", COMMIT, role, person, null, AT.plusSeconds(60L * minute), PLAN_HASH);
    }

    @Test
    void oneOfTwoIsNotEnoughAndSaysSo() {
        List<Signoff.RoleStatus> status =
                Signoff.status(PLAN, MAJOR, COMMIT, PLAN_HASH, List.of(approval("qa", "Linh Vo", 1)), NOBODY);
        Signoff.RoleStatus qa = status.get(1);
        assertThat(qa.progress()).isEqualTo("qa 1 of 2");
        assertThat(qa.given()).isFalse();
        assertThat(qa.holders()).containsExactly("Mark Liu", "Sam Park");

        List<Signoff.RoleStatus> both = Signoff.status(
                PLAN,
                MAJOR,
                COMMIT,
                PLAN_HASH,
                List.of(approval("qa", "Linh Vo", 1), approval("qa", "Sam Park", 2)),
                NOBODY);
        assertThat(both.get(1).progress()).isEqualTo("qa 2 of 2");
        assertThat(both.get(1).given()).isTrue();
    }

    @Test
    void onePersonFillsOneRoleOnceEvenWhenTheRecordsSayMore() {
        // Written into the records by hand: Mark Liu as tech-lead and as qa, and Linh Vo twice as qa.
        List<Signoff.RoleStatus> status = Signoff.status(
                PLAN,
                MAJOR,
                COMMIT,
                PLAN_HASH,
                List.of(
                        approval("tech-lead", "Mark Liu", 1),
                        approval("qa", "Mark Liu", 2),
                        approval("qa", "Linh Vo", 3),
                        approval("qa", "Linh Vo", 4)),
                NOBODY);
        assertThat(status.get(0).given()).isTrue();
        assertThat(status.get(1).approvals()).extracting(Approval::person).containsExactly("Linh Vo");
        assertThat(status.get(1).progress()).isEqualTo("qa 1 of 2");
    }

    @Test
    void theSamePersonCannotApproveARoleTwiceAndAFullRoleTakesNoMore() {
        List<Approval> one = List.of(approval("qa", "Linh Vo", 1));
        assertThatThrownBy(() -> Signoff.check(PLAN, MAJOR, approval("qa", "Linh Vo", 2), NOBODY, one))
                .hasMessage("Linh Vo already approved this release as qa; each approver of a role is a different"
                        + " person");
        Signoff.check(PLAN, MAJOR, approval("qa", "Sam Park", 2), NOBODY, one);

        List<Approval> two = List.of(approval("qa", "Linh Vo", 1), approval("qa", "Sam Park", 2));
        assertThatThrownBy(() -> Signoff.check(PLAN, MAJOR, approval("qa", "Mark Liu", 3), NOBODY, two))
                .hasMessage("qa already has its 2 approvals of commit a1b2c3d (Linh Vo, Sam Park)");
    }

    @Test
    void approvalsUnderAnotherPlanNeitherCountNorBlock() {
        Approval old = new Approval("3.0.0", COMMIT, "qa", "Linh Vo", null, AT, "0ld");
        Approval unhashed = new Approval("3.0.0", COMMIT, "qa", "Sam Park", null, AT);
        List<Signoff.RoleStatus> status =
                Signoff.status(PLAN, MAJOR, COMMIT, PLAN_HASH, List.of(old, unhashed), NOBODY);
        assertThat(status.get(1).approvals()).isEmpty();
        assertThat(Signoff.cancelled(COMMIT, PLAN_HASH, List.of(old, unhashed)))
                .extracting(Signoff.Cancelled::cause)
                .containsExactly(Signoff.Cancellation.PLAN_CHANGED, Signoff.Cancellation.NO_PLAN_HASH);
        Signoff.check(PLAN, MAJOR, approval("qa", "Linh Vo", 5), NOBODY, List.of(old, unhashed));
    }
}
