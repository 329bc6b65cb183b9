package dev.gantry.documents;

import dev.gantry.plan.Flag;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.rollout.PlannedRollout;
import dev.gantry.store.Tick;
import dev.gantry.version.ReleaseType;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code checklist.md}: the release checklist with what is done, the rollout at a glance, and what to do if it goes wrong. */
public final class ChecklistDocument {

    private static final String MIGRATION_GUIDE = "migration-guide";

    /** The rollback procedure when issues are critical after the deploy, in the release process's words. */
    private static final List<String> ROLLBACK = List.of(
            "**Trigger incident response** — notify on-call and the project manager immediately",
            "**Assess severity** — decide whether a rollback is needed or a hotfix is feasible",
            "**Execute rollback** — follow the rollback plan of the release",
            "**Verify rollback success** — confirm the system is back to a stable state",
            "**Communicate status** — tell stakeholders about the rollback and the next steps",
            "**Schedule a post-incident review** — capture what was learned and prevent a recurrence");

    /** The roles of a release, each with the plan role its people hold. */
    private record Role(String name, String planRole, String duty) {}

    private static final List<Role> ROLES = List.of(
            new Role(
                    "Release coordinator",
                    Roles.RELEASE_MANAGER,
                    "owns this checklist, coordinates activities, makes the go/no-go call"),
            new Role("QA lead", "qa", "provides the quality sign-off, executes smoke tests"),
            new Role(
                    "Project manager",
                    "product-manager",
                    "takes part in the go/no-go decision, manages stakeholder communication"),
            new Role("Developers", "developer", "available during the deployment window for troubleshooting"),
            new Role("Risk champion", "risk-champion", "provides the risk assessment for the go/no-go decision"),
            new Role("On-call engineer", "on-call", "responds to production issues after the deployment"));

    private ChecklistDocument() {}

    public static String render(Checklist checklist, PlannedRelease release) {
        Plan plan = release.plan();
        ZoneId zone = release.deployAt().getZone();
        StringBuilder md = new StringBuilder();
        md.append("# Release Checklist: v")
                .append(release.version())
                .append(" (")
                .append(checklist.environment())
                .append(")\n\n");
        md.append("| Field | Value |\n|---|---|\n");
        md.append("| Version | v").append(release.version()).append(" |\n");
        md.append("| Date | ").append(Text.DATE.format(release.deployAt())).append(" |\n");
        md.append("| Release Lead | ")
                .append(Text.cell(Roles.holdersOrUnassigned(plan, Roles.RELEASE_MANAGER)))
                .append(" |\n");
        md.append("| Type | ").append(Text.capitalized(release.type().label())).append(" |\n");
        if (!release.notes().isEmpty()) {
            md.append("\n**Notes:**\n\n");
            release.notes()
                    .forEach(note -> md.append("- ").append(Text.oneLine(note)).append('\n'));
        }
        boolean breaking = !release.changes().breaking().isEmpty() || release.type() == ReleaseType.MAJOR;
        Map<Milestone, ZonedDateTime> timeline = release.timeline();
        for (Milestone milestone : Milestone.values()) {
            md.append("\n## ")
                    .append(heading(milestone, timeline.get(milestone)))
                    .append("\n\n");
            for (Checklist.Item item : checklist.items(milestone)) {
                md.append(line(item, zone, breaking)).append('\n');
            }
        }
        rollout(md, release);
        md.append("\n## Rollback Procedure (if needed)\n\n");
        for (int i = 0; i < ROLLBACK.size(); i++)
            md.append(i + 1).append(". ").append(ROLLBACK.get(i)).append('\n');
        md.append("\n## Roles and Responsibilities\n\n");
        for (Role role : ROLES) {
            md.append("- **")
                    .append(role.name())
                    .append("** (")
                    .append(role.planRole())
                    .append("): ")
                    .append(Roles.holdersOrUnassigned(plan, role.planRole()))
                    .append(" — ")
                    .append(role.duty())
                    .append('\n');
        }
        return md.toString();
    }

    /** "Pre-release readiness (T-3 days, Tue 2026-03-17)"; milestones counted in hours show the time too. */
    private static String heading(Milestone milestone, ZonedDateTime at) {
        boolean days =
                milestone.offset().toHours() % 24 == 0 && !milestone.offset().isZero();
        String when = days ? Text.day(at) : Text.dayTime(at);
        String by = milestone.offset().compareTo(Duration.ZERO) > 0 ? "by " : "";
        return milestone.title() + " (" + milestone.when() + ", " + by + when + ")";
    }

    private static String line(Checklist.Item item, ZoneId zone, boolean breaking) {
        // Without breaking changes there is no guide to write, as the one-page checklist marks it.
        if (item.key().equals(MIGRATION_GUIDE) && !breaking && !item.machine()) {
            return "- [x] **" + item.title() + "** — N/A (no breaking changes)";
        }
        StringBuilder s =
                new StringBuilder("- [").append(item.done() ? 'x' : ' ').append("] **");
        s.append(Text.oneLine(item.title())).append("**");
        if (item.text() != null && !item.text().isBlank()) s.append(" — ").append(Text.oneLine(item.text()));
        if (item.machine()) {
            s.append(" · machine: ")
                    .append(item.checkedBy().stream()
                            .map(c -> c.entryId() + " (" + c.checkType() + ")")
                            .collect(Collectors.joining(", ")));
        } else {
            s.append(" · manual (`").append(item.key()).append("`)");
        }
        item.state().ifPresent(state -> s.append(" · ").append(state(state, zone)));
        return s.toString();
    }

    private static String state(ItemState state, ZoneId zone) {
        if (state instanceof ItemState.Ticked ticked) {
            Tick t = ticked.tick();
            String note = t.note() == null || t.note().isBlank() ? "" : ": " + Text.oneLine(t.note());
            return "ticked by " + t.person() + ", " + Text.dateTime(t.at(), zone) + note;
        }
        if (state instanceof ItemState.DoneByGantry d) {
            return "done by Gantry: " + Text.oneLine(d.what()) + " (" + d.by() + ", " + Text.dateTime(d.at(), zone)
                    + ")";
        }
        if (state instanceof ItemState.Checked checked) {
            boolean several = checked.readings().size() > 1;
            return checked.readings().stream()
                    .map(r -> (several ? r.entryId() + " " : "")
                            + r.state()
                                    .map(c -> c.status().label() + ": " + Text.oneLine(c.evidence()) + " ("
                                            + Text.dateTime(c.at(), zone) + ")")
                                    .orElse("not evaluated yet"))
                    .collect(Collectors.joining("; "));
        }
        return "open";
    }

    private static void rollout(StringBuilder md, PlannedRelease release) {
        Plan plan = release.plan();
        PlannedRollout planned = release.rollout();
        String flags = plan.flags().isEmpty()
                ? "none"
                : plan.flags().stream().map(ChecklistDocument::flag).collect(Collectors.joining("; "));
        String strategy = planned.chosen().chosen().label() + ": "
                + planned.stages().stream()
                        .map(p -> p.percent() + "% (watch " + Text.words(p.watch()) + ")")
                        .collect(Collectors.joining(" → "));
        List<String> owners = Roles.people(
                plan, plan.rollback().stream().map(RollbackTrigger::owner).toList());
        String triggers = plan.rollback().isEmpty()
                ? "none"
                : plan.rollback().stream().map(ReleasePlanDocument::condition).collect(Collectors.joining(" or "));
        md.append("\n## Rollout\n\n| Item | Detail |\n|---|---|\n");
        md.append("| Feature flags | ").append(Text.cell(flags)).append(" |\n");
        md.append("| Rollout strategy | ").append(Text.cell(strategy)).append(" |\n");
        md.append("| Rollback plan | ")
                .append(Text.cell(String.join(
                        " → ", RollbackProcedure.steps(plan, release.version().toString()))))
                .append(" |\n");
        md.append("| Owner on point | ")
                .append(Text.cell(owners.isEmpty() ? "unassigned" : String.join(", ", owners)))
                .append(" |\n");
        md.append("| Rollback trigger | ").append(Text.cell(triggers)).append(" |\n");
    }

    private static String flag(Flag flag) {
        String state = flag.name() + " (" + flag.type().label().toLowerCase(Locale.ROOT) + ", "
                + (flag.enabled() ? "ON" : "OFF") + ")";
        return flag.description() == null ? state : state + ": " + Text.oneLine(flag.description());
    }
}
