package dev.gantry.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.documents.Checklist.CheckedBy;
import dev.gantry.documents.Checklist.Item;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.plan.Validation;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.NotesWritten;
import dev.gantry.store.Tick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecklistTest {

    private static final Instant AT = Instant.parse("2026-03-19T14:00:00Z");

    /** A check known only by the type name it carries, so the mapping is tested without the real checks. */
    record Probe(String type) implements Check {
        @Override
        public CheckResult evaluate(CheckContext context) {
            return CheckResult.error("a probe is never run");
        }

        @Override
        public String describe() {
            return "probe of type " + type;
        }
    }

    private static final Function<CheckSpec, String> TYPE = check -> ((Probe) check).type();

    @TempDir
    Path dir;

    private Plan load(String yaml) throws Exception {
        Path file = dir.resolve("gantry.yaml");
        Files.writeString(file, yaml);
        return PlanFile.load(file, true, PlugIns.registries());
    }

    /** The plan file's steps and people, with criteria and validations whose checks only tests know. */
    private Plan plan(List<Criterion> criteria, List<Validation> validations) throws Exception {
        Plan base = load(
                """
                environments:
                  - { name: staging }
                  - { name: production, requires: [staging] }
                criteria:
                  - { id: DEP-001, title: Risk register reviewed, requirement: "no open high RISK- entry" }
                steps:
                  - { id: DEP-050, title: "Post in #releases", stage: post-deploy }
                  - { id: DEP-051, title: Freeze merges to main, at: go-no-go }
                """);
        List<Criterion> all = new java.util.ArrayList<>(base.criteria());
        all.addAll(criteria);
        return new Plan(
                base.project(),
                base.versioning(),
                base.components(),
                base.changelog(),
                base.notes(),
                base.environments(),
                all,
                base.rollback(),
                validations,
                base.steps(),
                base.people(),
                base.approvals(),
                base.windows(),
                base.flags(),
                base.rollout());
    }

    private static Criterion criterion(String id, String title, String type, String... environments) {
        return new Criterion(
                id, title, null, new Probe(type), null, true, "qa", null, List.of(environments), List.of());
    }

    private static Validation validation(String id, String title, String type) {
        return new Validation(id, title, new Probe(type), null, "200 OK", null, "qa", List.of(), List.of());
    }

    private static Item item(Checklist checklist, String key) {
        return checklist.item(key).orElseThrow(() -> new AssertionError("no item " + key));
    }

    @Test
    void aCheckOfAnItemsTypeMakesItMachineAndNamesTheCriterion() throws Exception {
        Checklist checklist = Checklist.of(
                plan(
                        List.of(criterion("DEP-002", "All tests pass", "junit"), criterion("DEP-003", "Scan", "sarif")),
                        List.of()),
                "production",
                TYPE);

        assertThat(item(checklist, "tests").checkedBy()).containsExactly(new CheckedBy("DEP-002", "junit"));
        assertThat(item(checklist, "tests").machine()).isTrue();
        assertThat(item(checklist, "security-scan").checkedBy()).containsExactly(new CheckedBy("DEP-003", "sarif"));
        assertThat(item(checklist, "performance").machine()).isFalse();
        assertThat(checklist.item("DEP-002")).isEmpty();
    }

    @Test
    void whenItemsShareATypeTheTitlePicksOne() throws Exception {
        Checklist checklist = Checklist.of(
                plan(
                        List.of(
                                criterion("DEP-004", "Changelog has the release", "file"),
                                criterion("DEP-005", "Migration guide in the docs", "file"),
                                criterion("DEP-006", "License file present", "file")),
                        List.of()),
                "production",
                TYPE);

        assertThat(item(checklist, "changelog").checkedBy())
                .extracting(CheckedBy::entryId)
                .containsExactly("DEP-004");
        // "migration guide" and "migration" outweigh "docs".
        assertThat(item(checklist, "migration-guide").checkedBy())
                .extracting(CheckedBy::entryId)
                .containsExactly("DEP-005");
        assertThat(item(checklist, "docs").machine()).isFalse();
        // Named by none: an item of its own at the go/no-go decision, still checked by its machine.
        Item own = item(checklist, "DEP-006");
        assertThat(own.milestone()).isEqualTo(Milestone.GO_NO_GO);
        assertThat(own.checkedBy()).containsExactly(new CheckedBy("DEP-006", "file"));
    }

    @Test
    void criteriaOfOtherEnvironmentsAreLeftOut() throws Exception {
        Plan plan = plan(List.of(criterion("DEP-007", "Window is open", "window", "production")), List.of());

        assertThat(item(Checklist.of(plan, "production", TYPE), "window-started")
                        .machine())
                .isTrue();
        assertThat(item(Checklist.of(plan, "staging", TYPE), "window-started").machine())
                .isFalse();
        assertThat(Checklist.of(plan, "staging", TYPE).item("DEP-007")).isEmpty();
    }

    @Test
    void manualCriteriaAndStepsBecomeItemsOfTheirOwn() throws Exception {
        Checklist checklist = Checklist.of(plan(List.of(), List.of()), "production", TYPE);

        Item risk = item(checklist, "DEP-001");
        assertThat(risk.milestone()).isEqualTo(Milestone.GO_NO_GO);
        assertThat(risk.text()).isEqualTo("no open high RISK- entry");
        assertThat(risk.machine()).isFalse();
        assertThat(item(checklist, "DEP-050").milestone()).isEqualTo(Milestone.POST_DEPLOYMENT);
        assertThat(item(checklist, "DEP-051").milestone()).isEqualTo(Milestone.GO_NO_GO);
        // Standard items first, then the plan's own in the plan's order.
        assertThat(checklist.items(Milestone.GO_NO_GO))
                .extracting(Item::key)
                .containsExactly(
                        "readiness-reviewed",
                        "risks-assessed",
                        "on-call",
                        "communication-plan",
                        "decision",
                        "DEP-001",
                        "DEP-051");
    }

    @Test
    void validationsCheckTheDeploymentItemsTheirTitleNames() throws Exception {
        Checklist checklist = Checklist.of(
                plan(
                        List.of(),
                        List.of(
                                validation("DEP-030", "Health endpoint answers", "http"),
                                validation("DEP-031", "Checkout smoke test", "command"),
                                validation("DEP-032", "Payment provider reachable", "http"))),
                "production",
                TYPE);

        assertThat(item(checklist, "health-checks").checkedBy())
                .extracting(CheckedBy::entryId)
                .containsExactly("DEP-030");
        assertThat(item(checklist, "smoke-tests").checkedBy())
                .extracting(CheckedBy::entryId)
                .containsExactly("DEP-031");
        // Validations never check staging items, though "smoke" names one.
        assertThat(item(checklist, "staging-smoke").machine()).isFalse();
        assertThat(item(checklist, "DEP-032").milestone()).isEqualTo(Milestone.DEPLOYMENT);
    }

    @Test
    void machineItemsReadTheLastGateAndManualItemsTheirLatestTick() throws Exception {
        Checklist checklist = Checklist.of(
                        plan(
                                List.of(
                                        criterion("DEP-002", "All tests pass", "junit"),
                                        criterion("DEP-003", "Scan", "sarif"),
                                        criterion("DEP-008", "CI green", "ci-status")),
                                List.of()),
                        "production",
                        TYPE)
                .withState(
                        Map.of(
                                "DEP-002", new CriterionState("DEP-002", Status.MET, "847 passed", AT),
                                "DEP-003", new CriterionState("DEP-003", Status.ERROR, "no report", AT)),
                        List.of(
                                new Tick("2.3.1", "backup", "Sam Park", "first", AT),
                                new Tick("2.3.1", "backup", "Linh Vo", "second", AT.plusSeconds(60)),
                                new Tick("2.3.1", "changelog", "Mark Liu", null, AT)));

        assertThat(item(checklist, "tests").done()).isTrue();
        assertThat(item(checklist, "security-scan").done()).isFalse();
        assertThat(item(checklist, "security-scan").state())
                .contains(new ItemState.Checked(List.of(new ItemState.Reading(
                        "DEP-003",
                        java.util.Optional.of(new CriterionState("DEP-003", Status.ERROR, "no report", AT))))));
        assertThat(item(checklist, "ci").state())
                .contains(new ItemState.Checked(List.of(new ItemState.Reading("DEP-008", java.util.Optional.empty()))));
        assertThat(item(checklist, "ci").done()).isFalse();
        ItemState backup = item(checklist, "backup").state().orElseThrow();
        assertThat(((ItemState.Ticked) backup).tick().person()).isEqualTo("Linh Vo");
        assertThat(item(checklist, "changelog").done()).isTrue();
        assertThat(item(checklist, "docs").state()).contains(new ItemState.Open());
        // A tick does not make a machine item done: the machine says.
        assertThat(item(
                                checklist.withState(
                                        Map.of(), List.of(new Tick("2.3.1", "tests", "Mark Liu", null, AT))),
                                "tests")
                        .done())
                .isFalse();
    }

    @Test
    void anItemCheckedBySeveralCriteriaIsDoneOnlyWhenAllAreMet() throws Exception {
        Plan plan = plan(
                List.of(criterion("DEP-002", "Unit tests", "junit"), criterion("DEP-009", "E2E tests", "junit")),
                List.of());
        Checklist checklist = Checklist.of(plan, "production", TYPE);
        CriterionState met = new CriterionState("DEP-002", Status.MET, "120 passed", AT);

        assertThat(item(checklist.withState(Map.of("DEP-002", met), List.of()), "tests")
                        .done())
                .isFalse();
        assertThat(item(
                                checklist.withState(
                                        Map.of(
                                                "DEP-002",
                                                met,
                                                "DEP-009",
                                                new CriterionState("DEP-009", Status.MET, "31 passed", AT)),
                                        List.of()),
                                "tests")
                        .done())
                .isTrue();
        assertThat(item(
                                checklist.withState(
                                        Map.of(
                                                "DEP-002",
                                                met,
                                                "DEP-009",
                                                new CriterionState("DEP-009", Status.UNMET, "2 failed", AT)),
                                        List.of()),
                                "tests")
                        .done())
                .isFalse();
    }

    @Test
    void withoutStateAnItemIsNeitherDoneNorOpen() throws Exception {
        Checklist checklist = Checklist.of(plan(List.of(), List.of()), "production", TYPE);

        assertThat(checklist.items()).allSatisfy(i -> assertThat(i.state()).isEmpty());
        assertThat(checklist.items()).noneMatch(Item::done);
        assertThat(checklist.items()).extracting(Item::key).doesNotHaveDuplicates();
    }

    @Test
    void theRealRegistryNamesTheApprovalsCheck() throws Exception {
        Plan plan = load(
                """
                criteria:
                  - { id: DEP-015, title: Approvals are complete, check: { type: approvals } }
                """);

        assertThat(item(Checklist.of(plan, "production"), "qa-signoff").checkedBy())
                .containsExactly(new CheckedBy("DEP-015", "approvals"));
    }

    /** A run's events at minutes after 10:00 on the day before the deploy: {@code minute, event, minute, event, ...}. */
    private static GantryWork.RecordedRun run(String id, String environment, Object... minutesAndEvents) {
        List<RunLog.Logged> events = new java.util.ArrayList<>();
        for (int i = 0; i < minutesAndEvents.length; i += 2) {
            events.add(new RunLog.Logged(
                    Instant.parse("2026-03-19T10:00:00Z").plusSeconds(60L * (Integer) minutesAndEvents[i]),
                    (RunEvent) minutesAndEvents[i + 1]));
        }
        return new GantryWork.RecordedRun(id, environment, events);
    }

    @Test
    void theItemsGantryDidAreDoneByTheRunThatDidThem() throws Exception {
        Plan plan = load(
                """
                environments:
                  - { name: staging }
                  - { name: production, requires: [staging] }
                """);
        var smoke = new RunEvent.ValidationRan("DEP-030", "Health", true, 5, "ok");
        var smokeFailed = new RunEvent.ValidationRan("DEP-030", "Health", false, 5, "503");
        List<GantryWork.RecordedRun> runs = List.of(
                run("run-1", "staging", 1, smokeFailed, 2, new RunEvent.Ended(Verdict.ROLLED_BACK, "smoke", true)),
                run("run-2", "staging", 30, smoke, 40, new RunEvent.Ended(Verdict.RELEASED, "watched", true)),
                run(
                        "run-3",
                        "production",
                        60,
                        smoke,
                        61,
                        new RunEvent.ValidationRan("DEP-030/after-rollback", "Health", false, 5, "x"),
                        62,
                        new RunEvent.Ended(Verdict.ROLLED_BACK, "error rate", true)));
        List<NotesWritten> notes =
                List.of(new NotesWritten("2.3.1", ".gantry/releases/v2.3.1/notes.md", "Mark Liu", AT));
        List<Tick> ticks = List.of(
                new Tick("2.3.1", "staging-deploy", "Linh Vo", "by hand", AT),
                new Tick("2.3.1", "backup", "Mark Liu", "snapshot", AT));

        Checklist checklist = Checklist.of(plan, "production")
                .withState(Map.of(), ticks, GantryWork.of("production", Set.of("staging"), runs, notes));

        assertThat(item(checklist, "staging-deploy").state())
                .contains(new ItemState.DoneByGantry(
                        "released in staging", "run run-2", Instant.parse("2026-03-19T10:40:00Z")));
        assertThat(item(checklist, "staging-smoke").state())
                .contains(new ItemState.DoneByGantry(
                        "smoke tests passed in staging", "run run-2", Instant.parse("2026-03-19T10:30:00Z")));
        assertThat(item(checklist, "release-notes").state())
                .contains(new ItemState.DoneByGantry(
                        "written to .gantry/releases/v2.3.1/notes.md", "gantry notes by Mark Liu", AT));
        assertThat(item(checklist, "deployed").done())
                .as("a production run that rolled back did not deploy the release")
                .isFalse();
        assertThat(item(checklist, "smoke-tests").done()).isFalse();
        assertThat(item(checklist, "backup").state()).containsInstanceOf(ItemState.Ticked.class);

        PlannedRelease release = PlannedRelease.of(
                dev.gantry.version.Version.parse("2.3.1"),
                dev.gantry.version.ReleaseType.PATCH,
                Scheduling.place(java.time.LocalDate.of(2026, 3, 20), plan.windows(), java.time.ZoneOffset.UTC),
                new dev.gantry.changelog.ReleaseChanges(
                        "2.3.1",
                        java.time.LocalDate.of(2026, 3, 20),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        List.of()),
                plan,
                List.of());
        assertThat(ChecklistDocument.render(checklist, release))
                .contains("- [x] **Deploy to staging** — the release is deployed to the staging environment"
                        + " · manual (`staging-deploy`) · done by Gantry: released in staging (run run-2,"
                        + " 2026-03-19 10:40)\n")
                .contains("- [ ] **Smoke tests** — core user flows verified in production · manual (`smoke-tests`)"
                        + " · open\n");
    }
}
