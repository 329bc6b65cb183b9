package dev.gantry.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Signoff;
import dev.gantry.gate.checks.ApprovalsCheck;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.release.Candidate;
import dev.gantry.release.ReleaseHistory;
import dev.gantry.store.H2Store;
import dev.gantry.store.ReleaseLog;
import dev.gantry.testing.GitFixture;
import dev.gantry.testing.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approvals are bound to the commit and to the plan they were given under, on a real repository and store. */
class ApprovalServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-20T09:00:00Z");

    private static final String PLAN =
            """
            people:
              - { name: Linh Vo, roles: [qa] }
              - { name: Sam Park, roles: [qa] }
              - { name: Mark Liu, roles: [tech-lead] }
            approvals:
              minor: [tech-lead, qa]
            """;

    @TempDir
    Path dir;

    private GitFixture git;
    private H2Store store;

    @BeforeEach
    void repository() throws Exception {
        git = GitFixture.init(dir.resolve("repo")).commit("chore: start").tag("v1.0.0");
        commitPlan(PLAN, "feat: checkout");
        store = H2Store.open(dir.resolve("state"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        store.close();
    }

    private void commitPlan(String yaml, String message) throws Exception {
        Files.writeString(git.dir().resolve(PlanFile.NAME), yaml);
        git.git("add", PlanFile.NAME);
        git.git("commit", "-q", "-m", message);
    }

    private Plan plan() throws Exception {
        return PlanFile.load(git.dir().resolve(PlanFile.NAME), true, PlugIns.registries());
    }

    private Candidate candidate(Plan plan) throws Exception {
        return Candidate.of(
                        new ReleaseHistory(GitRepository.open(git.dir())),
                        plan.versioning(),
                        ReleaseScopes.single(plan, Optional.empty(), "HEAD", false),
                        Optional.empty(),
                        LocalDate.of(2026, 3, 20))
                .orElseThrow();
    }

    private ApprovalService service() {
        return new ApprovalService(store, GitRepository.open(git.dir()));
    }

    private CheckResult gate(Plan plan, Candidate candidate) {
        return new ApprovalsCheck()
                .evaluate(new CheckContext(
                        git.dir(),
                        GitRepository.open(git.dir()),
                        plan,
                        "production",
                        candidate.version(),
                        candidate.tag(),
                        candidate.previousTag(),
                        candidate.commit(),
                        candidate.type(),
                        false,
                        Clock.fixed(T0, ZoneOffset.UTC),
                        new ReleaseLog(store),
                        Map.of()));
    }

    @Test
    void anApprovalRecordsThePlanAndCountsUnderIt() throws Exception {
        Plan plan = plan();
        Candidate candidate = candidate(plan);
        var given = service().approve(plan, candidate, "qa", "Linh Vo", "green", T0);
        service().approve(plan, candidate, "tech-lead", "Mark Liu", null, T0);

        assertThat(given.planHash()).isEqualTo(dev.gantry.plan.PlanHash.of(plan));
        ApprovalStatus status = service().status(plan, candidate);
        assertThat(status.complete()).isTrue();
        assertThat(status.cancelled()).isEmpty();
        assertThat(gate(plan, candidate).status()).isEqualTo(CheckResult.Status.MET);
    }

    @Test
    void aChangedPlanFileCancelsTheApprovalsAndTheGateSaysWhy() throws Exception {
        Plan before = plan();
        Candidate first = candidate(before);
        service().approve(before, first, "qa", "Linh Vo", null, T0);
        service().approve(before, first, "tech-lead", "Mark Liu", null, T0);

        // The plan changes in the working tree: same commit, another plan.
        Plan edited = PlanText.load(git.dir(), PLAN.replace("minor: [tech-lead, qa]", "minor: [qa, tech-lead]"));
        ApprovalStatus status = service().status(edited, candidate(edited));
        assertThat(status.complete()).isFalse();
        assertThat(status.cancelled())
                .extracting(Signoff.Cancelled::cause)
                .containsOnly(Signoff.Cancellation.PLAN_CHANGED);
        CheckResult gate = gate(edited, candidate(edited));
        assertThat(gate.status()).isEqualTo(CheckResult.Status.UNMET);
        assertThat(gate.details())
                .anySatisfy(d -> assertThat(d).startsWith("cancelled: qa by Linh Vo: the plan changed since"));

        // Committed: another commit too, and the same person may approve again under the new plan.
        commitPlan(PLAN.replace("minor: [tech-lead, qa]", "minor: [qa, tech-lead]"), "chore: reorder approvers");
        Plan after = plan();
        Candidate second = candidate(after);
        assertThat(second.commit()).isNotEqualTo(first.commit());
        ApprovalStatus committed = service().status(after, second);
        assertThat(committed.roles()).noneSatisfy(r -> assertThat(r.given()).isTrue());
        assertThat(committed.cancelled()).allSatisfy(c -> assertThat(c.reason())
                .isEqualTo("given for another commit (" + first.commit().substring(0, 7)
                        + "); the plan changed since too"));
        service().approve(after, second, "qa", "Linh Vo", null, T0.plusSeconds(60));
        assertThat(service().status(after, second).roles())
                .filteredOn(r -> r.role().equals("qa"))
                .singleElement()
                .satisfies(qa -> assertThat(qa.given()).isTrue());
    }

    @Test
    void nOfMNeedsThatManyDifferentPeople() throws Exception {
        commitPlan(PLAN + "  counts: { minor: { qa: 2 } }\n", "chore: two testers");
        Plan plan = plan();
        Candidate candidate = candidate(plan);
        service().approve(plan, candidate, "tech-lead", "Mark Liu", null, T0);
        service().approve(plan, candidate, "qa", "Linh Vo", null, T0);
        assertThat(service().status(plan, candidate).roles().get(1).progress()).isEqualTo("qa 1 of 2");
        CheckResult half = gate(plan, candidate);
        assertThat(half.status()).isEqualTo(CheckResult.Status.UNMET);
        assertThat(half.evidence()).startsWith("tech-lead: Mark Liu; qa 1 of 2: Linh Vo, more missing");
        assertThatThrownBy(() -> service().approve(plan, candidate, "qa", "Linh Vo", null, T0))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("each approver of a role is a different person");

        service().approve(plan, candidate, "qa", "Sam Park", null, T0);
        assertThat(service().status(plan, candidate).complete()).isTrue();
        assertThat(gate(plan, candidate).evidence()).startsWith("tech-lead: Mark Liu; qa 2 of 2: Linh Vo, Sam Park");
    }
}
