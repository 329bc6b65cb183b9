package dev.gantry.report;

import static dev.gantry.report.Html.escape;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * The report as one HTML page that needs nothing else: a summary band (the verdict in its colour, what was released
 * where, how long it took and why it ended so), then the template's sections, each watched metric as an inline
 * SVG chart. No script and no link to fetch: it opens from a file or an attachment anywhere. Rendered from the model,
 * never from the Markdown; everything people, commits and scripts wrote is escaped.
 */
final class HtmlReport {

    private final ReportModel model;
    private final Times times;
    private final StringBuilder html = new StringBuilder();

    private HtmlReport(ReportModel model) {
        this.model = model;
        this.times = new Times(model.zone());
    }

    static String render(ReportModel model) {
        HtmlReport page = new HtmlReport(model);
        page.head();
        page.band();
        new HtmlGateSection(page.html, model, page.times).render();
        page.strategy();
        page.execute();
        page.smoke();
        page.watch();
        page.finish();
        page.lessons();
        page.html.append("<footer>Written by Gantry from the run's events.</footer>\n</body>\n</html>\n");
        return page.html.toString();
    }

    private void head() {
        ReportModel.Summary s = model.summary();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape("Release Report — " + s.version() + " → " + s.environment()))
                .append("</title>\n<style>\n")
                .append(HtmlStyle.CSS)
                .append("</style>\n</head>\n<body>\n");
    }

    /** The verdict, in a colour that matches it, and the few facts anyone opening the report looks for first. */
    private void band() {
        ReportModel.Summary s = model.summary();
        html.append("<header class=\"band ")
                .append(verdictClass(s))
                .append("\">\n<p class=\"verdict\">")
                .append(escape(s.verdictLabel()))
                .append("</p>\n<h1>Release Report — ")
                .append(escape(s.version()))
                .append(" → ")
                .append(escape(s.environment()))
                .append("</h1>\n<p class=\"cause\">")
                .append(escape(s.reason()))
                .append("</p>\n<dl>\n");
        fact(
                "Version",
                s.version()
                        + s.previousVersion().map(p -> " (replacing " + p + ")").orElse(""));
        html.append("<div><dt>Commit</dt><dd><code>")
                .append(escape(s.commit().orElse("unknown")))
                .append("</code></dd></div>\n");
        fact("Environment", s.environment());
        fact("Strategy", s.strategy().map(st -> st.label()).orElse("not chosen"));
        fact("Started", times.when(s.started()) + " " + model.zone().getId());
        fact("Duration", s.duration().map(Times::length).orElse("still going"));
        fact("Operator", s.operator());
        html.append("</dl>\n</header>\n");
        if (s.verdict().filter(v -> v == Verdict.ROLLBACK_FAILED).isPresent()) {
            html.append("<p class=\"alert\">ROLLBACK FAILED: ")
                    .append(escape(s.reason()))
                    .append(". Users may still be on ")
                    .append(escape(s.version()))
                    .append(": act now.</p>\n");
        }
    }

    private void fact(String name, String value) {
        html.append("<div><dt>")
                .append(escape(name))
                .append("</dt><dd>")
                .append(escape(value))
                .append("</dd></div>\n");
    }

    private static String verdictClass(ReportModel.Summary s) {
        if (s.verdict().isEmpty()) return s.waiting() ? "waiting" : "running";
        return switch (s.verdict().get()) {
            case RELEASED -> "released";
            case RELEASED_WITH_OVERRIDE -> "override";
            case ROLLED_BACK -> "rolled-back";
            case ROLLBACK_FAILED -> "rollback-failed";
            case ABORTED -> "aborted";
        };
    }

    private void strategy() {
        html.append("<section>\n<h2>Strategy Select (Phase 2)</h2>\n");
        model.strategy()
                .ifPresentOrElse(
                        s -> {
                            html.append("<ul>\n");
                            item("Recommended", s.recommended().label() + " — the release type's default");
                            item("Chosen", s.chosen().label() + (s.reason().isEmpty() ? "" : " — " + s.reason()));
                            html.append("</ul>\n");
                        },
                        () -> html.append("<p>Not reached.</p>\n"));
        html.append("</section>\n");
    }

    private void execute() {
        html.append("<section>\n<h2>Execute (Phase 3)</h2>\n");
        List<ReportModel.ActionRow> actions = model.execute();
        if (actions.isEmpty()) {
            html.append("<p>No action was taken.</p>\n</section>\n");
            return;
        }
        html.append("<ul>\n");
        item("Start", times.when(actions.get(0).start()));
        item("End", times.when(actions.get(actions.size() - 1).end()));
        item("Exit code", Texts.exitCode(actions));
        html.append("</ul>\n");
        actionTable(actions);
        html.append("</section>\n");
    }

    private void actionTable(List<ReportModel.ActionRow> actions) {
        Html.Table t = new Html.Table(html, "Step", "Start", "Took", "Result", "Message");
        for (ReportModel.ActionRow a : actions) {
            t.row(
                    escape(a.stepId()),
                    escape(times.when(a.start())),
                    escape(Times.seconds(a.took())),
                    a.ok() ? Html.tag("done", "ok") : Html.tag("failed", "bad"),
                    escape(a.message()));
        }
        t.end();
        for (ReportModel.ActionRow a : actions) {
            if (a.ok() || a.output().isEmpty()) continue;
            List<String> tail = Texts.tail(a.output(), MarkdownReport.OUTPUT_LINES);
            html.append("<p>Output of ")
                    .append(escape(a.stepId()))
                    .append(a.output().size() > tail.size() ? " (last " + tail.size() + " lines)" : "")
                    .append(":</p>\n<pre>");
            // A program's output: kept as printed, escaped, never read as markup.
            tail.forEach(l -> html.append(escape(l)).append('\n'));
            html.append("</pre>\n");
        }
    }

    private void smoke() {
        html.append("<section>\n<h2>Smoke Test (Phase 4)</h2>\n");
        List<ReportModel.SmokeTest> tests = model.smoke();
        if (tests.isEmpty()) {
            html.append("<p>No automated smoke test ran.</p>\n</section>\n");
            return;
        }
        html.append("<ul>\n");
        item("Mode", "the plan's validations, run by Gantry");
        item("Start", times.when(tests.get(0).start()));
        item("End", times.when(tests.get(tests.size() - 1).end()));
        html.append("</ul>\n");
        Html.Table t = new Html.Table(html, "Test", "Result", "Notes");
        for (ReportModel.SmokeTest v : tests) {
            t.row(
                    escape(v.id() + " " + v.title()),
                    v.passed() ? Html.tag("Pass", "ok") : Html.tag("Fail", "bad"),
                    escape(v.millis() + " ms; " + v.notes()));
        }
        t.end();
        html.append("</section>\n");
    }

    private void watch() {
        WatchSection watch = model.watch();
        html.append("<section>\n<h2>Watch Window (Phase 5)</h2>\n<ul>\n");
        item("Backend", watch.backend());
        if (!watch.rows().isEmpty()) {
            item("Duration", Times.minutes(watch.duration()));
            item("Cadence", Times.minutes(watch.cadence()));
            item("Samples", String.valueOf(watch.rows().size()));
        }
        html.append("</ul>\n");
        if (watch.rows().isEmpty()) html.append("<p>No sample was taken.</p>\n");
        for (Chart chart : watch.charts()) {
            html.append("<figure>\n")
                    .append(SvgChart.render(chart))
                    .append("<figcaption>")
                    .append(escape(chart.trigger() + " " + chart.metric()
                            + chart.threshold().map(t -> ", rolls back at " + t).orElse("")))
                    .append("</figcaption>\n</figure>\n");
        }
        html.append("<h3>Threshold breaches</h3>\n<ul>\n");
        if (watch.breaches().isEmpty() && watch.decisions().isEmpty()) html.append("<li>None</li>\n");
        for (RunEvent.Breached b : watch.breaches()) {
            html.append("<li>")
                    .append(escape(
                            b.trigger() + " (" + b.severity().name().toLowerCase(Locale.ROOT) + "): " + b.reason()))
                    .append("</li>\n");
        }
        for (RunEvent.Decided d : watch.decisions()) {
            html.append("<li>")
                    .append(escape(
                            (d.proceed() ? "continued" : "rolled back") + " by " + d.person() + ": " + d.reason()))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
        if (!watch.rows().isEmpty()) samples(watch);
        html.append("</section>\n");
    }

    private void samples(WatchSection watch) {
        html.append("<details>\n<summary>Every sample (")
                .append(watch.rows().size())
                .append(")</summary>\n");
        String[] head = new String[watch.columns().size() + 2];
        head[0] = "T+ (m:ss)";
        head[1] = "Step";
        for (int i = 0; i < watch.columns().size(); i++)
            head[i + 2] = watch.columns().get(i);
        Html.Table t = new Html.Table(html, head);
        for (WatchSection.SampleRow row : watch.rows()) {
            String[] cells = new String[head.length];
            cells[0] = escape(Times.sinceStart(watch.since(row.at())));
            cells[1] = String.valueOf(row.step());
            for (int i = 0; i < watch.columns().size(); i++) {
                WatchSection.Reading r = row.values().get(watch.columns().get(i));
                cells[i + 2] = r == null ? "" : escape(r.text());
            }
            t.row(cells);
        }
        t.end();
        html.append("</details>\n");
    }

    private void finish() {
        ReportModel.FinishSection finish = model.finish();
        html.append("<section>\n<h2>Commit or Rollback (Phase 6)</h2>\n");
        Outcome outcome = finish.outcome();
        if (outcome instanceof Outcome.Unfinished) {
            html.append("<p>The run has not ended.</p>\n</section>\n");
            return;
        }
        html.append("<ul>\n");
        if (outcome instanceof Outcome.Released r) {
            item("Released", r.reason());
            item("Tickets released", Texts.list(r.tickets()));
            item("Retrospective", Texts.retrospective(r));
        } else if (outcome instanceof Outcome.RolledBack r) {
            item("Trigger", Texts.trigger(r));
            item("Reason", r.reason());
            item("Post-rollback smoke", Texts.smokeAfter(r));
            r.start().ifPresent(start -> item("Rollback start", times.when(start)));
            item("Rollback end", times.when(r.end()));
            item("Tickets back in progress", Texts.list(r.tickets()));
            item("Incident retrospective", "due: the release was rolled back");
        } else if (outcome instanceof Outcome.Aborted a) {
            item("Phase that aborted", String.valueOf(a.phase().number()));
            item("Reason", a.reason());
            item("No live-system changes", a.liveChanged() ? "no" : "yes");
        }
        if (!finish.flagsOff().isEmpty()) item("Flags turned off", Texts.flagsOff(finish.flagsOff(), times));
        finish.notes().forEach(n -> html.append("<li>").append(escape(n)).append("</li>\n"));
        finish.notifications()
                .forEach(n ->
                        html.append("<li>").append(escape(Texts.notified(n))).append("</li>\n"));
        finish.gaps()
                .forEach(g ->
                        html.append("<li>").append(escape(Texts.gap(g, times))).append("</li>\n"));
        finish.handovers().forEach(h -> html.append("<li>")
                .append(escape(Texts.handover(h, times)))
                .append("</li>\n"));
        html.append("</ul>\n");
        if (!finish.rollbackSteps().isEmpty()) {
            html.append("<h3>Rollback steps</h3>\n");
            actionTable(finish.rollbackSteps());
        }
        html.append("</section>\n");
    }

    private void lessons() {
        html.append("<section>\n<h2>Lessons</h2>\n<ul>\n");
        for (RunEvent.LessonNoted l : model.lessons())
            html.append("<li>")
                    .append(escape(l.lesson() + " (" + l.person() + ")"))
                    .append("</li>\n");
        if (model.lessons().isEmpty())
            html.append("<li>").append(escape(Texts.noLesson(model.summary()))).append("</li>\n");
        html.append("</ul>\n</section>\n");
    }

    private void item(String field, String value) {
        Html.item(html, field, value);
    }
}
