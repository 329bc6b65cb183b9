package dev.gantry.documents;

import dev.gantry.plan.Criterion;
import dev.gantry.plan.DepEntry;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Severity;
import dev.gantry.plan.Step;
import dev.gantry.plan.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code deps.md}: every DEP- entry of the plan in the DEP- template's form, grouped by type. */
public final class DepsDocument {

    private DepsDocument() {}

    public static String render(Plan plan) {
        StringBuilder md = new StringBuilder("# DEP- Entries");
        if (plan.project() != null) md.append(": ").append(plan.project());
        md.append('\n');
        if (plan.entries().isEmpty()) {
            md.append("\nNo DEP- entries in the plan.\n");
            return md.toString();
        }
        Map<String, List<DepEntry>> groups = new LinkedHashMap<>();
        groups.put("Environments", new ArrayList<>(plan.environments()));
        groups.put("Criteria", new ArrayList<>(plan.criteria()));
        groups.put("Rollback Triggers", new ArrayList<>(plan.rollback()));
        groups.put("Validations", new ArrayList<>(plan.validation()));
        groups.put("Steps", new ArrayList<>(plan.steps()));
        for (Map.Entry<String, List<DepEntry>> group : groups.entrySet()) {
            if (group.getValue().isEmpty()) continue;
            md.append("\n## ").append(group.getKey()).append('\n');
            for (DepEntry entry : group.getValue()) entry(md, entry);
        }
        return md.toString();
    }

    private static void entry(StringBuilder md, DepEntry entry) {
        md.append("\n### ")
                .append(entry.id() == null ? "(no id)" : entry.id())
                .append(": ")
                .append(entry.title() == null ? "(no title)" : Text.oneLine(entry.title()))
                .append("\n\n");
        field(md, "Type", entry.kind());
        field(md, "Stage", entry.stage().label());
        if (entry instanceof Environment e) environment(md, e);
        if (entry instanceof Criterion c) criterion(md, c);
        if (entry instanceof RollbackTrigger r) rollback(md, r);
        if (entry instanceof Validation v) validation(md, v);
        if (entry instanceof Step s) step(md, s);
        field(md, "Owner", entry.owner() == null ? "none" : entry.owner());
        field(md, "Linked IDs", Text.orNone(entry.links()));
    }

    private static void environment(StringBuilder md, Environment e) {
        optional(md, "Description", e.description());
        field(md, "Name", e.name());
        optional(md, "Infrastructure", e.infrastructure());
        if (e.configuration().isEmpty()) {
            field(md, "Configuration", "none");
        } else {
            md.append("- **Configuration:**\n");
            inOrder(e.configuration())
                    .forEach((k, v) ->
                            md.append("  - ").append(k).append('=').append(v).append('\n'));
        }
        optional(md, "Secrets", e.secrets());
        optional(md, "Access", e.access());
        if (!e.requires().isEmpty()) field(md, "Requires", String.join(", ", e.requires()));
    }

    /** The binder keeps the file's order; a map built in code without one is sorted so output never varies. */
    private static Map<String, String> inOrder(Map<String, String> map) {
        return map instanceof LinkedHashMap || map instanceof SortedMap ? map : new TreeMap<>(map);
    }

    private static void criterion(StringBuilder md, Criterion c) {
        optional(md, "Requirement", c.requirement());
        String verification = c.machineCheck()
                .map(check -> "automated — " + check.describe())
                .orElse("manual — "
                        + (c.verification() != null ? c.verification() : "ticked by a person on the checklist"));
        field(md, "Verification", verification);
        field(md, "Blocker", c.isBlocker() ? "Yes — the release cannot proceed if this fails" : "No");
        if (c.category() != null) field(md, "Category", c.category().label());
        field(md, "Environments", c.environments().isEmpty() ? "all" : String.join(", ", c.environments()));
    }

    private static void rollback(StringBuilder md, RollbackTrigger r) {
        String breach = (r.metric() != null ? r.metric() : "the metric")
                + (r.threshold() != null ? " " + r.threshold() : " breaches");
        field(md, "Trigger", r.trigger() != null ? r.trigger() : breach);
        optional(md, "Metric", r.metric());
        String threshold = r.threshold() == null ? "none" : r.threshold().toString();
        threshold += r.sustained().isZero() ? ", at once" : " for " + Text.words(r.sustained());
        field(md, "Threshold", threshold);
        field(
                md,
                "Severity",
                r.severity().name().toLowerCase(Locale.ROOT) + " — "
                        + (r.severity() == Severity.HARD ? "roll back at once" : "pause and wait for a decision"));
        if (r.procedure().isEmpty()) {
            field(md, "Procedure", "none given");
        } else {
            md.append("- **Procedure:**\n");
            for (int i = 0; i < r.procedure().size(); i++) {
                md.append("  ")
                        .append(i + 1)
                        .append(". ")
                        .append(Text.oneLine(r.procedure().get(i)))
                        .append('\n');
            }
        }
        field(md, "Notification", Text.orNone(r.notification()));
        field(md, "Environments", r.environments().isEmpty() ? "all" : String.join(", ", r.environments()));
    }

    private static void validation(StringBuilder md, Validation v) {
        field(md, "Check", v.check() != null ? v.check().describe() : v.title());
        field(md, "Method", Text.capitalized(v.method().name().toLowerCase(Locale.ROOT)));
        optional(md, "Success Criteria", v.successCriteria());
        field(
                md,
                "Escalation",
                switch (v.escalation()) {
                    case ROLLBACK -> "roll back";
                    case PAUSE -> "pause and wait for a decision";
                    case NOTIFY -> "notify the owner";
                });
        field(md, "Environments", v.environments().isEmpty() ? "all" : String.join(", ", v.environments()));
    }

    private static void step(StringBuilder md, Step s) {
        optional(md, "Description", s.description());
        field(md, "When", s.at().title() + " (" + s.at().when() + ")");
    }

    private static void optional(StringBuilder md, String name, String value) {
        if (value != null && !value.isBlank()) field(md, name, value);
    }

    private static void field(StringBuilder md, String name, String value) {
        md.append("- **")
                .append(name)
                .append(":** ")
                .append(Text.oneLine(value))
                .append('\n');
    }
}
