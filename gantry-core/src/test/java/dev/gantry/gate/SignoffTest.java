package dev.gantry.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.plan.Approvals;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.store.Approval;
import dev.gantry.version.ReleaseType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignoffTest {

    private static final String COMMIT = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final Instant AT = Instant.parse("2026-03-19T10:00:00Z");

    private static Plan plan(boolean separate) {
        return new Plan(
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
                        new Person("Mark Liu", List.of("tech-lead", "release-manager"), "mark.liu@example.com"),
                        new Person("Linh Vo", List.of("qa", "tech-lead"), null),
                        new Person("Sam Park", List.of("qa"), null)),
                new Approvals(null, null, null, null, separate, null),
                null,
                null,
                null);
    }

    private static Approval approval(String role, String person, String commit) {
        return new Approval("2.3.1", commit, role, person, null, AT, PLAN_HASH);
    }

    private static final String PLAN_HASH = "9f2c4e7a";

    private static void check(Plan plan, ReleaseType type, Approval approval, Authors authors, List<Approval> earlier) {
        Signoff.check(plan, ApprovalRules.of(plan, type), approval, authors, earlier);
    }

    private static List<Signoff.RoleStatus> status(
            Plan plan, ReleaseType type, String commit, List<Approval> given, Authors authors) {
        return Signoff.status(plan, ApprovalRules.of(plan, type), commit, PLAN_HASH, given, authors);
    }

    private static final Authors NOBODY = new Authors(Set.of(), Set.of());

    @Test
    void everyCommitAuthorCountsInAnyCaseAndByEmail() {
        Approval own = approval("tech-lead", "Mark Liu", COMMIT);
        Authors byName = Authors.of(List.of(List.of("mark LIU", "ml@example.com")), List.of());
        assertThatThrownBy(() -> check(plan(true), ReleaseType.PATCH, own, byName, List.of()))
                .hasMessageContaining("Mark Liu is an author of this release");
        Authors byEmail = Authors.of(
                List.of(List.of("Linh Vo", "linh@example.com"), List.of("M. Liu", "Mark.Liu@Example.com")), List.of());
        assertThatThrownBy(() -> check(plan(true), ReleaseType.PATCH, own, byEmail, List.of()))
                .as("the plan gives Mark Liu's contact as his e-mail")
                .hasMessageContaining("Mark Liu is an author of this release");
    }

    @Test
    void aPatchNeedsTechLeadAndQaOnTheExactCommit() {
        List<Approval> given = List.of(
                approval("tech-lead", "Mark Liu", COMMIT), approval("qa", "Sam Park", "ffff" + COMMIT.substring(4)));
        List<Signoff.RoleStatus> status = status(plan(false), ReleaseType.PATCH, COMMIT, given, NOBODY);
        assertThat(status).extracting(Signoff.RoleStatus::role).containsExactly("tech-lead", "qa");
        assertThat(status.get(0).given()).isTrue();
        assertThat(status.get(1).given())
                .as("an approval of another commit does not count")
                .isFalse();
        assertThat(status.get(1).holders()).containsExactly("Linh Vo", "Sam Park");
    }

    @Test
    void theApproverMustHoldTheRequiredRole() {
        assertThatThrownBy(() ->
                        check(plan(false), ReleaseType.PATCH, approval("qa", "Mark Liu", COMMIT), NOBODY, List.of()))
                .hasMessage("Mark Liu does not hold the role qa; their roles: tech-lead, release-manager");
        assertThatThrownBy(
                        () -> check(plan(false), ReleaseType.PATCH, approval("qa", "Eve", COMMIT), NOBODY, List.of()))
                .hasMessageContaining("\"Eve\" is not in the plan's people");
        assertThatThrownBy(() ->
                        check(plan(false), ReleaseType.HOTFIX, approval("qa", "Sam Park", COMMIT), NOBODY, List.of()))
                .hasMessage("a hotfix release needs no qa approval; it needs: tech-lead");
    }

    @Test
    void onePersonFillsAtMostOneRequiredRole() {
        List<Approval> earlier = List.of(approval("tech-lead", "Linh Vo", COMMIT));
        assertThatThrownBy(
                        () -> check(plan(false), ReleaseType.PATCH, approval("qa", "Linh Vo", COMMIT), NOBODY, earlier))
                .hasMessage(
                        "Linh Vo already approved this release as tech-lead; one person fills at most one required role");
        check(plan(false), ReleaseType.PATCH, approval("qa", "Sam Park", COMMIT), NOBODY, earlier);
    }

    @Test
    void aRoleIsApprovedOncePerCommit() {
        List<Approval> earlier = List.of(approval("qa", "Sam Park", COMMIT));
        assertThatThrownBy(
                        () -> check(plan(false), ReleaseType.PATCH, approval("qa", "Linh Vo", COMMIT), NOBODY, earlier))
                .hasMessageStartingWith("qa already approved commit a1b2c3d (Sam Park,");
    }

    @Test
    void theAuthorCannotApproveWhenThePlanWantsASeparateApprover() {
        Approval own = approval("tech-lead", "Mark Liu", COMMIT);
        assertThatThrownBy(() ->
                        check(plan(true), ReleaseType.PATCH, own, new Authors(Set.of("Mark Liu"), Set.of()), List.of()))
                .hasMessageContaining("Mark Liu is an author of this release");
        check(plan(false), ReleaseType.PATCH, own, new Authors(Set.of("Mark Liu"), Set.of()), List.of());
    }

    @Test
    void onlyPeopleWhoMayStillApproveAreSuggested() {
        List<Approval> given = List.of(approval("qa", "Linh Vo", COMMIT));
        List<Signoff.RoleStatus> status =
                status(plan(true), ReleaseType.PATCH, COMMIT, given, new Authors(Set.of("Mark Liu"), Set.of()));
        assertThat(status.get(0).role()).isEqualTo("tech-lead");
        assertThat(status.get(0).holders())
                .as("Mark Liu is the author, Linh Vo already approved as qa")
                .isEmpty();
        assertThat(status(plan(false), ReleaseType.PATCH, COMMIT, List.of(), new Authors(Set.of("Mark Liu"), Set.of()))
                        .get(0)
                        .holders())
                .containsExactly("Mark Liu", "Linh Vo");
    }
}
