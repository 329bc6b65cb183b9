package dev.gantry.documents;

import dev.gantry.changelog.Entry;
import dev.gantry.changelog.MarkdownText;
import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.plan.Flag;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.rollout.PlannedRollout;
import dev.gantry.rollout.RunEvent;
import dev.gantry.store.Approval;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code release-plan.md}: what a release brings, when, how it rolls out and back, and who signs it off. */
public final class ReleasePlanDocument {

    private static final Set<String> FEATURES = Set.of("feat");
    private static final Set<String> FIXES = Set.of("fix");

    private ReleasePlanDocument() {}

    public static String render(PlannedRelease release) {
        Plan plan = release.plan();
        StringBuilder md = new StringBuilder();
        md.append("# Release Plan: v").append(release.version()).append("\n\n");
        md.append("- **Release Type:** ")
                .append(Text.capitalized(release.type().label()))
                .append('\n');
        md.append("- **Release Date:** ")
                .append(Text.dayTime(release.deployAt()))
                .append(" (")
                .append(release.deployAt().getZone().getId())
                .append(")\n");
        md.append("- **Release Manager:** ")
                .append(Roles.holdersOrUnassigned(plan, Roles.RELEASE_MANAGER))
                .append('\n');
        contents(md, release.changes(), plan);
        timeline(md, release);
        strategy(md, release.rollout());
        flags(md, plan, release.version().toString(), release.deployAt());
        rollback(md, plan, release.version().toString());
        signoff(md, release);
        if (!release.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            release.notes()
                    .forEach(note -> md.append("- ").append(Text.oneLine(note)).append('\n'));
        }
        return md.toString();
    }

    private static void contents(StringBuilder md, ReleaseChanges changes, Plan plan) {
        md.append("\n## Release Contents\n");
        List<Entry> entries = changes.entries();
        Set<String> listed = plan.changelog().sections().keySet();
        section(
                md,
                "Features",
                entries.stream()
                        .filter(e -> !e.breaking() && FEATURES.contains(e.type()))
                        .toList());
        section(
                md,
                "Bug Fixes",
                entries.stream()
                        .filter(e -> !e.breaking() && FIXES.contains(e.type()))
                        .toList());
        section(md, "Breaking Changes", changes.breaking());
        // Other: what the changelog lists besides features and fixes (perf, revert, security, ...).
        section(
                md,
                "Other",
                entries.stream()
                        .filter(e -> !e.breaking()
                                && !FEATURES.contains(e.type())
                                && !FIXES.contains(e.type())
                                && listed.contains(e.type()))
                        .toList());
    }

    private static void section(StringBuilder md, String heading, List<Entry> entries) {
        md.append("\n### ").append(heading).append("\n\n");
        if (entries.isEmpty()) {
            md.append("None.\n");
            return;
        }
        for (Entry e : entries) {
            md.append("- ");
            if (!FEATURES.contains(e.type()) && !FIXES.contains(e.type()))
                md.append(e.type()).append(": ");
            e.scope()
                    .ifPresent(scope ->
                            md.append("**").append(MarkdownText.inline(scope)).append(":** "));
            md.append(MarkdownText.inline(e.description()));
            for (String reference : e.references()) {
                if (!e.description().contains(reference))
                    md.append(" (").append(MarkdownText.inline(reference)).append(')');
            }
            md.append(" (").append(e.shortHash()).append(")\n");
            for (String note : e.breakingNotes())
                md.append("  - ").append(MarkdownText.inline(note)).append('\n');
        }
    }

    private static void timeline(StringBuilder md, PlannedRelease release) {
        md.append("\n## Release Timeline\n\n| Date | Milestone | Owner |\n|---|---|---|\n");
        for (Map.Entry<Milestone, ZonedDateTime> m : release.timeline().entrySet()) {
            md.append("| ")
                    .append(Text.dayTime(m.getValue()))
                    .append(" | ")
                    .append(m.getKey().title())
                    .append(" (")
                    .append(m.getKey().when())
                    .append(") | ")
                    .append(Text.cell(owner(release.plan(), m.getKey())))
                    .append(" |\n");
        }
    }

    /** QA owns the staging deployment it signs off; the release manager every other milestone. */
    private static String owner(Plan plan, Milestone milestone) {
        String role = milestone == Milestone.STAGING ? "qa" : Roles.RELEASE_MANAGER;
        List<String> holders = Roles.holders(plan, role);
        return holders.isEmpty() ? role : String.join(", ", holders);
    }

    private static void strategy(StringBuilder md, PlannedRollout rollout) {
        RunEvent.StrategyChosen chosen = rollout.chosen();
        md.append("\n## Deployment Strategy\n\n**Type:** ")
                .append(chosen.chosen().label())
                .append(" deployment");
        if (!chosen.reason().isEmpty()) {
            md.append(" (")
                    .append(chosen.reason())
                    .append("; the release type recommends ")
                    .append(chosen.recommended().label())
                    .append(')');
        }
        md.append("\n\n**Phases:**\n\n");
        for (PlannedRollout.Stage stage : rollout.stages()) {
            md.append("- ")
                    .append(stage.percent())
                    .append("% (")
                    .append(Text.words(stage.watch()))
                    .append(" monitoring")
                    .append(stage.pause() ? ", then waits for a person's decision" : "")
                    .append(")\n");
        }
        md.append("\nMetrics are sampled every ")
                .append(Text.words(rollout.cadence()))
                .append(".\n");
        if (!rollout.keepOld().isZero()) {
            md.append("The old colour stays warm for ")
                    .append(Text.words(rollout.keepOld()))
                    .append(" after the switch.\n");
        }
    }

    /**
     * The flags and their cleanup dates: a flag this release introduces (or whose release the plan does not name)
     * counts from this deploy; one of another release, from that release's full rollout.
     */
    private static void flags(StringBuilder md, Plan plan, String version, ZonedDateTime deployAt) {
        md.append("\n## Feature Flags\n\n");
        if (plan.flags().isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| Flag | Type | Default | Cleanup Date |\n|---|---|---|---|\n");
        for (Flag flag : plan.flags()) {
            String cleanup = flag.lifetime()
                    .map(life ->
                            flag.introducedIn().filter(v -> !v.equals(version)).isPresent()
                                    ? Text.words(life) + " after "
                                            + flag.introducedIn().get() + " reaches 100%"
                                    : Text.DATE.format(deployAt.plus(life)))
                    .orElse("keep");
            md.append("| `")
                    .append(flag.name())
                    .append("` | ")
                    .append(flag.type().label())
                    .append(" | ")
                    .append(flag.enabled() ? "ON" : "OFF")
                    .append(" | ")
                    .append(cleanup)
                    .append(" |\n");
        }
    }

    private static void rollback(StringBuilder md, Plan plan, String version) {
        md.append("\n## Rollback Plan\n\n**Triggers:**\n\n");
        if (plan.rollback().isEmpty()) md.append("None in the plan.\n");
        for (RollbackTrigger t : plan.rollback()) {
            md.append("- ")
                    .append(t.id() == null ? "(no id)" : t.id())
                    .append(": ")
                    .append(condition(t));
            md.append(" (")
                    .append(t.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .append(")");
            List<String> owners = Roles.people(plan, t.owner());
            if (!owners.isEmpty()) md.append(", owner ").append(String.join(", ", owners));
            md.append('\n');
        }
        md.append("\n**Procedure:**\n\n");
        List<String> steps = RollbackProcedure.steps(plan, version);
        for (int i = 0; i < steps.size(); i++) {
            md.append(i + 1).append(". ").append(steps.get(i)).append('\n');
        }
    }

    /** "reset_failure_rate > 2% for 5 minutes", the trigger's metric (or title) and when it fires. */
    static String condition(RollbackTrigger t) {
        String what = t.metric() != null ? t.metric() : t.title() != null ? t.title() : "metric";
        String threshold = t.threshold() != null ? " " + t.threshold() : "";
        String sustained = t.sustained().isZero() ? "" : " for " + Text.words(t.sustained());
        return what + threshold + sustained;
    }

    private static void signoff(StringBuilder md, PlannedRelease release) {
        md.append("\n## Approval Sign-Off\n\n");
        List<String> roles = release.plan().approvals().required(release.type());
        ZoneId zone = release.deployAt().getZone();
        for (String role : roles) {
            Optional<Approval> given = release.approvals().stream()
                    .filter(a -> a.role().equals(role))
                    .max(Comparator.comparing(Approval::at));
            if (given.isPresent()) {
                md.append("- [x] ")
                        .append(role)
                        .append(" — ")
                        .append(given.get().person())
                        .append(", ")
                        .append(Text.date(given.get().at(), zone))
                        .append('\n');
            } else {
                md.append("- [ ] ")
                        .append(role)
                        .append(" — (holders: ")
                        .append(Text.orNone(Roles.holders(release.plan(), role)))
                        .append(")\n");
            }
        }
    }
}
