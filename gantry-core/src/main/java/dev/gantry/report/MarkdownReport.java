package dev.gantry.report;

import dev.gantry.changelog.Entry;
import dev.gantry.changelog.MarkdownText;
import dev.gantry.gate.RecordedGate;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.Approval;
import java.util.List;
import java.util.Locale;

/**
 * The report as Markdown, section by section as the release report template has them. What people and commits wrote
 * (reasons, comments, lessons, names, change descriptions) is set as text through {@link MarkdownText}, never as
 * markup.
 */
final class MarkdownReport {

    /** The lines of a failed action's output the report shows: its end, where a script says why it stopped. */
    static final int OUTPUT_LINES = 20;

    private final ReportModel model;
    private final Times times;
    private final StringBuilder md = new StringBuilder();

    private MarkdownReport(ReportModel model) {
        this.model = model;
        this.times = new Times(model.zone());
    }

    static String render(ReportModel model) {
        MarkdownReport report = new MarkdownReport(model);
        report.header();
        report.gate();
        report.changes();
        report.restrictions();
        report.strategy();
        report.execute();
        report.smoke();
        report.watch();
        report.finish();
        report.lessons();
        return report.md.toString();
    }

    private void header() {
        ReportModel.Summary s = model.summary();
        // A failed rollback is the first thing anyone reading the report must see.
        if (s.verdict().filter(v -> v == Verdict.ROLLBACK_FAILED).isPresent()) {
            md.append("> **ROLLBACK FAILED**: ")
                    .append(MarkdownText.inline(s.reason()))
                    .append(". Users may still be on ")
                    .append(s.version())
                    .append(": act now.\n\n");
        }
        md.append("# Release Report — ")
                .append(s.version())
                .append(" → ")
                .append(s.environment())
                .append("\n\n");
        line("Date", times.when(s.started()) + " " + model.zone().getId());
        line("Operator", s.operator());
        line("Commit", s.commit().orElse("unknown"));
        line("Strategy", s.strategy().map(st -> st.label()).orElse("not chosen"));
        line("Verdict", s.verdictLabel());
        line("Verdict reason", MarkdownText.inline(s.reason()));
    }

    private void gate() {
        ReportModel.GateSection gate = model.gate();
        md.append("\n## Pre-Release Gate (Phase 1)\n\n");
        md.append("Decision: ")
                .append(gate.decided()
                        .map(g -> g.decision() + " (" + g.summary() + ")")
                        .orElse("not reached"))
                .append("\n\n### Acceptance Criteria\n\n");
        if (gate.criteria().isEmpty()) {
            md.append("No criterion applies.\n");
        } else {
            md.append("| Criterion | Status | Evidence |\n|---|---|---|\n");
            for (RecordedGate.Criterion c : gate.criteria()) {
                md.append("| ")
                        .append(cell(c.id() + " " + c.title()))
                        .append(" | ")
                        .append(c.state())
                        .append(" | ")
                        .append(cell(c.evidence()))
                        .append(" |\n");
            }
        }
        if (gate.criteria().stream().anyMatch(c -> !c.uploads().isEmpty())) {
            md.append(
                    "\n### Uploaded Evidence\n\n| Criterion | File | SHA-256 | Uploaded by | At |\n|---|---|---|---|---|\n");
            for (RecordedGate.Criterion c : gate.criteria()) {
                for (dev.gantry.store.Evidence.Upload u : c.uploads()) {
                    md.append("| ")
                            .append(cell(c.id()))
                            .append(" | ")
                            .append(cell(u.path()))
                            .append(" | `")
                            .append(u.sha256())
                            .append("` | ")
                            .append(cell(u.by()))
                            .append(" | ")
                            .append(u.at())
                            .append(" |\n");
                }
            }
        }
        md.append("\n### Test Status\n\n");
        if (gate.tests().isEmpty()) {
            md.append("No test report was part of the gate.\n");
        } else {
            md.append("| Suite | Pass | Fail | Skip | Source |\n|---|---|---|---|---|\n");
            for (ReportModel.TestRow r : gate.tests()) {
                md.append("| ")
                        .append(cell(r.suite()))
                        .append(" | ")
                        .append(r.passed())
                        .append(" | ")
                        .append(r.failed())
                        .append(" | ")
                        .append(r.skipped())
                        .append(" | ")
                        .append(r.source())
                        .append(" |\n");
            }
        }
    }

    private void changes() {
        ReportModel.ChangeSection changes = model.changes();
        md.append("\n### Change Summary\n\n");
        if (changes.entries().isEmpty()) {
            md.append("No change since the previous release.\n");
        } else {
            md.append("| Change | References | Type |\n|---|---|---|\n");
            for (Entry e : changes.entries()) {
                md.append("| ")
                        .append(MarkdownText.cell(e.scope().map(s -> s + ": ").orElse("") + e.description()))
                        .append(" (")
                        .append(e.shortHash())
                        .append(") | ")
                        .append(MarkdownText.cell(String.join(", ", e.tickets())))
                        .append(" | ")
                        .append(ReportModel.ChangeSection.kind(e))
                        .append(" |\n");
            }
        }
        md.append("\n### Rollback Plan\n\n");
        line("Previous version", changes.previousVersion().orElse("none (first release)"));
        line("Rollback script", changes.rollbackScript());
        md.append("\n### Approvals\n\n");
        if (changes.approvals().isEmpty()) md.append("- none recorded\n");
        for (Approval a : changes.approvals()) {
            md.append("- ")
                    .append(a.role())
                    .append(": ")
                    .append(MarkdownText.inline(a.person()))
                    .append(", ")
                    .append(times.when(a.at()))
                    .append(" (commit ")
                    .append(a.commit(), 0, Math.min(7, a.commit().length()))
                    .append(")")
                    .append(a.comment() == null ? "" : " — " + MarkdownText.inline(a.comment()))
                    .append('\n');
        }
    }

    private void restrictions() {
        md.append("\n### Restrictions\n\n");
        List<String> windows = model.gate().windows();
        line("Change-window restrictions", windows.isEmpty() ? "none in the gate" : String.join("; ", windows));
        line("Manual approvals required", Texts.approvals(model.changes().approvals()));
        md.append("\n### Tracker State at Gate\n\n");
        List<String> tickets = model.changes().tickets();
        line(
                "Tickets in scope",
                tickets.isEmpty()
                        ? "none referenced by the release's commits"
                        : tickets.size() + " (" + String.join(", ", tickets) + ")");
    }

    private void strategy() {
        md.append("\n## Strategy Select (Phase 2)\n\n");
        model.strategy()
                .ifPresentOrElse(
                        s -> {
                            line("Recommended", s.recommended().label() + " — the release type's default");
                            line("Chosen", s.chosen().label() + (s.reason().isEmpty() ? "" : " — " + s.reason()));
                        },
                        () -> md.append("Not reached.\n"));
    }

    private void execute() {
        md.append("\n## Execute (Phase 3)\n\n");
        List<ReportModel.ActionRow> actions = model.execute();
        if (actions.isEmpty()) {
            md.append("No action was taken.\n");
            return;
        }
        line("Start", times.when(actions.get(0).start()));
        line("End", times.when(actions.get(actions.size() - 1).end()));
        line("Exit code", Texts.exitCode(actions));
        md.append('\n');
        actionTable(actions);
    }

    private void actionTable(List<ReportModel.ActionRow> actions) {
        md.append("| Step | Start | Took | Result | Message |\n|---|---|---|---|---|\n");
        for (ReportModel.ActionRow a : actions) {
            md.append("| ")
                    .append(cell(a.stepId()))
                    .append(" | ")
                    .append(times.when(a.start()))
                    .append(" | ")
                    .append(Times.seconds(a.took()))
                    .append(" | ")
                    .append(a.ok() ? "done" : "failed")
                    .append(" | ")
                    .append(cell(a.message()))
                    .append(" |\n");
        }
        for (ReportModel.ActionRow a : actions) {
            List<String> output = a.output();
            if (a.ok() || output.isEmpty()) continue;
            List<String> tail = Texts.tail(output, OUTPUT_LINES);
            md.append("\nOutput of ")
                    .append(cell(a.stepId()))
                    .append(output.size() > tail.size() ? " (last " + tail.size() + " lines)" : "")
                    .append(":\n\n");
            String fence = fence(tail);
            md.append(fence).append("text\n");
            tail.forEach(l -> md.append(l.replace("\r", "")).append('\n'));
            md.append(fence).append('\n');
        }
    }

    /** A code fence longer than any run of backticks in the lines, so none of them can close it. */
    private static String fence(List<String> lines) {
        int longest = 0;
        for (String line : lines) {
            int run = 0;
            for (char c : line.toCharArray()) {
                run = c == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private void smoke() {
        md.append("\n## Smoke Test (Phase 4)\n\n");
        List<ReportModel.SmokeTest> tests = model.smoke();
        if (tests.isEmpty()) {
            md.append("No automated smoke test ran.\n");
            return;
        }
        line("Mode", "the plan's validations, run by Gantry");
        line("Start", times.when(tests.get(0).start()));
        line("End", times.when(tests.get(tests.size() - 1).end()));
        md.append('\n');
        md.append("| Test | Result | Notes |\n|---|---|---|\n");
        for (ReportModel.SmokeTest v : tests) {
            md.append("| ")
                    .append(cell(v.id() + " " + v.title()))
                    .append(" | ")
                    .append(v.passed() ? "Pass" : "Fail")
                    .append(" | ")
                    .append(v.millis())
                    .append(" ms; ")
                    .append(cell(v.notes()))
                    .append(" |\n");
        }
    }

    private void watch() {
        WatchSection watch = model.watch();
        md.append("\n## Watch Window (Phase 5)\n\n");
        line("Backend", watch.backend());
        if (watch.rows().isEmpty()) {
            md.append("\nNo sample was taken.\n");
        } else {
            line("Duration", Times.minutes(watch.duration()));
            line("Cadence", Times.minutes(watch.cadence()));
            line("Samples", String.valueOf(watch.rows().size()));
            md.append("\n| T+ (m:ss) | Step |");
            watch.columns().forEach(m -> md.append(' ').append(m).append(" |"));
            md.append("\n|---|---|")
                    .append("---|".repeat(watch.columns().size()))
                    .append('\n');
            for (WatchSection.SampleRow row : watch.rows()) {
                md.append("| ")
                        .append(Times.sinceStart(watch.since(row.at())))
                        .append(" | ")
                        .append(row.step())
                        .append(" |");
                watch.columns().forEach(m -> {
                    WatchSection.Reading r = row.values().get(m);
                    md.append(' ').append(r == null ? "" : r.text()).append(" |");
                });
                md.append('\n');
            }
        }
        md.append("\n### Threshold breaches\n\n");
        if (watch.breaches().isEmpty()) md.append("- None\n");
        for (RunEvent.Breached b : watch.breaches()) {
            md.append("- ")
                    .append(b.trigger())
                    .append(" (")
                    .append(b.severity().name().toLowerCase(Locale.ROOT))
                    .append("): ")
                    .append(b.reason())
                    .append('\n');
        }
        for (RunEvent.Decided d : watch.decisions()) {
            md.append("- ")
                    .append(d.proceed() ? "continued" : "rolled back")
                    .append(" by ")
                    .append(MarkdownText.inline(d.person()))
                    .append(": ")
                    .append(MarkdownText.inline(d.reason()))
                    .append('\n');
        }
    }

    private void finish() {
        ReportModel.FinishSection finish = model.finish();
        md.append("\n## Commit or Rollback (Phase 6)\n\n");
        Outcome outcome = finish.outcome();
        if (outcome instanceof Outcome.Unfinished) {
            md.append("The run has not ended.\n");
            return;
        }
        if (outcome instanceof Outcome.Released r) {
            line("Released", MarkdownText.inline(r.reason()));
            line("Tickets released", Texts.list(r.tickets()));
            line("Retrospective", Texts.retrospective(r));
        } else if (outcome instanceof Outcome.RolledBack r) {
            line("Trigger", Texts.trigger(r));
            line("Reason", MarkdownText.inline(r.reason()));
            line("Post-rollback smoke", Texts.smokeAfter(r));
            r.start().ifPresent(start -> line("Rollback start", times.when(start)));
            line("Rollback end", times.when(r.end()));
            line("Tickets back in progress", Texts.list(r.tickets()));
            line("Incident retrospective", "due: the release was rolled back");
        } else if (outcome instanceof Outcome.Aborted a) {
            line("Phase that aborted", String.valueOf(a.phase().number()));
            line("Reason", MarkdownText.inline(a.reason()));
            line("No live-system changes", a.liveChanged() ? "no" : "yes");
        }
        if (!finish.flagsOff().isEmpty())
            line("Flags turned off", MarkdownText.inline(Texts.flagsOff(finish.flagsOff(), times)));
        finish.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        for (RunEvent.Notified n : finish.notifications())
            md.append("- ").append(Texts.notified(n)).append('\n');
        for (RunEvent.WatchGap g : finish.gaps())
            md.append("- ").append(Texts.gap(g, times)).append('\n');
        for (ReportModel.Handover h : finish.handovers())
            md.append("- ")
                    .append(MarkdownText.inline(Texts.handover(h, times)))
                    .append('\n');
        if (!finish.rollbackSteps().isEmpty()) {
            md.append("\n### Rollback steps\n\n");
            actionTable(finish.rollbackSteps());
        }
    }

    private void lessons() {
        md.append("\n## Lessons\n\n");
        for (RunEvent.LessonNoted l : model.lessons()) {
            md.append("- ")
                    .append(MarkdownText.inline(l.lesson()))
                    .append(" (")
                    .append(MarkdownText.inline(l.person()))
                    .append(")\n");
        }
        if (model.lessons().isEmpty())
            md.append("- ").append(Texts.noLesson(model.summary())).append('\n');
    }

    private void line(String field, String value) {
        md.append("- ").append(field).append(": ").append(value).append('\n');
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
