package dev.gantry.server.web;

import dev.gantry.coordinate.RunView;
import dev.gantry.report.LiveCharts;
import java.util.List;
import java.util.Optional;

/**
 * {@code /projects/{project}/runs/{run}}: one run as it goes: phase, weight, each trigger's chart against its
 * threshold, and the decisions a person with the operate scope may take. The page follows the run over server-sent
 * events: each new state of the run replaces its live part.
 */
public final class RunPage {

    /**
     * A run as the page shows it.
     *
     * @param charts each watched trigger's chart
     * @param sequence the run's last event, which the live part shows up to
     * @param report whether the run's report was written
     * @param lessons the lessons people noted for the run
     */
    public record LiveRun(
            String project,
            RunView view,
            String commit,
            List<LiveCharts.LiveChart> charts,
            long sequence,
            boolean report,
            List<String> lessons) {

        public LiveRun {
            charts = List.copyOf(charts);
            lessons = List.copyOf(lessons);
        }

        String href() {
            return Runs.href(project, view.runId());
        }
    }

    private RunPage() {}

    public static String render(LiveRun run, Viewer viewer) {
        RunView view = run.view();
        StringBuilder body = new StringBuilder("<h1><span class=\"version\">")
                .append(Markup.esc(view.version()))
                .append("</span> into ")
                .append(Markup.esc(view.environment()))
                .append(" <span class=\"run-id\">run ")
                .append(Markup.esc(view.runId()))
                .append("</span></h1>\n<p class=\"hint\">Commit ")
                .append(Markup.commit(run.commit()))
                .append(
                        view.previousVersion() == null
                                ? ", a first release"
                                : ", replacing " + Markup.esc(view.previousVersion()))
                .append(". This page follows the run as it goes.</p>\n")
                .append("<output id=\"said\" role=\"status\" aria-live=\"polite\"></output>\n")
                .append("<section id=\"live\" data-stream=\"")
                .append(Markup.esc(run.href() + "/live"))
                .append("\">")
                .append(live(run, viewer))
                .append("</section>\n");
        return Layout.page(
                view.version() + " into " + view.environment(),
                viewer,
                List.of(
                        new Layout.Crumb(run.project(), "/projects/" + Markup.url(run.project())),
                        new Layout.Crumb("run " + view.runId(), "")),
                body.toString());
    }

    /** The part of the page that changes as the run goes, sent again whole with each new event. */
    public static String live(LiveRun run, Viewer viewer) {
        RunView view = run.view();
        StringBuilder html = new StringBuilder("<div class=\"live\" data-sequence=\"")
                .append(run.sequence())
                .append("\"><div class=\"state\">")
                .append(state(view))
                .append("</div>\n<dl class=\"facts\">")
                .append(fact(
                        "Phase",
                        view.phase().number() + " of 6 · " + view.phase().title()))
                .append(fact(
                        "Strategy",
                        view.strategy().map(s -> s.label()).orElse("not chosen yet")
                                + (view.steps() > 0 ? " · step " + view.step() + " of " + view.steps() : "")))
                .append("<div><dt>Weight</dt><dd><meter min=\"0\" max=\"100\" value=\"")
                .append(view.weight())
                .append("\"></meter> <span class=\"weight\">")
                .append(view.weight())
                .append("%")
                .append(view.movingTo().isPresent() ? " → " + view.movingTo().getAsInt() + "%" : "")
                .append("</span></dd></div>");
        view.watch()
                .ifPresent(w -> html.append(fact(
                        "Watch window",
                        minutes(w.left()) + " left of " + minutes(w.length()) + " (until " + Markup.time(w.end())
                                + ")")));
        html.append("</dl>\n");
        controls(html, run, viewer);
        triggers(html, view);
        for (LiveCharts.LiveChart chart : run.charts()) {
            Optional<RunView.TriggerView> trigger = view.triggers().stream()
                    .filter(t -> t.id().equals(chart.trigger()))
                    .findFirst();
            html.append("<figure class=\"chart\"><figcaption><strong>")
                    .append(Markup.esc(chart.trigger()))
                    .append("</strong> ")
                    .append(Markup.esc(
                            trigger.map(t -> t.metric() + " " + t.threshold()).orElse("")))
                    .append(trigger.map(t -> " " + badge(t.state()).html(t.state()))
                            .orElse(""))
                    .append("</figcaption>")
                    .append(chart.svg())
                    .append("</figure>\n");
        }
        if (!run.lessons().isEmpty()) {
            html.append("<h2>Lessons</h2><ul class=\"lessons\">");
            for (String lesson : run.lessons())
                html.append("<li>").append(Markup.esc(lesson)).append("</li>");
            html.append("</ul>\n");
        }
        if (run.report()) {
            html.append("<p><a class=\"button\" href=\"")
                    .append(Markup.esc(run.href() + "/report"))
                    .append("\">The release report</a></p>\n");
        }
        return html.append("</div>").toString();
    }

    private static String state(RunView view) {
        if (view.end().isPresent()) {
            var end = view.end().get();
            return Badge.of(end.verdict()).html(end.verdict().label()) + " <span class=\"reason\">"
                    + Markup.esc(end.reason()) + "</span>";
        }
        if (view.waiting().isPresent()) {
            return Badge.WARN.html("waiting for a decision") + " <span class=\"reason\">"
                    + Markup.esc(view.waiting().get().reason()) + "</span>";
        }
        return Badge.RUNNING.html("running: " + view.phase().title());
    }

    private static void controls(StringBuilder html, LiveRun run, Viewer viewer) {
        RunView view = run.view();
        if (!viewer.mayOperate() || view.end().isPresent()) return;
        html.append("<div class=\"controls\">");
        if (view.waiting().isPresent()) {
            html.append(Forms.open(
                            run.href().replaceFirst("^/projects/", "/api/projects/") + "/decide", "decide", false))
                    .append(Forms.text("reason", "Reason", true))
                    .append(" <button type=\"submit\" name=\"proceed\" value=\"true\">Continue the rollout</button>")
                    .append(
                            " <button type=\"submit\" class=\"danger\" name=\"proceed\" value=\"false\">Roll back</button>")
                    .append(Forms.close());
        }
        html.append(Forms.open(run.href().replaceFirst("^/projects/", "/api/projects/") + "/abort", "abort", false))
                .append(Forms.text("reason", "Reason", true))
                .append(" <button type=\"submit\" class=\"danger\">Abort the run</button>")
                .append(Forms.close())
                .append("</div>\n");
    }

    private static void triggers(StringBuilder html, RunView view) {
        if (view.triggers().isEmpty()) return;
        html.append("<table class=\"triggers\"><thead><tr><th>Trigger</th><th>Metric</th><th>Threshold</th>")
                .append("<th>Last sample</th><th>State</th></tr></thead><tbody>\n");
        for (RunView.TriggerView t : view.triggers()) {
            html.append("<tr data-trigger=\"")
                    .append(Markup.esc(t.id()))
                    .append("\"><th scope=\"row\">")
                    .append(Markup.esc(t.id()))
                    .append("</th><td>")
                    .append(Markup.esc(t.metric()))
                    .append("</td><td>")
                    .append(Markup.esc(t.threshold()))
                    .append("</td><td class=\"value\">")
                    .append(Markup.esc(t.value()))
                    .append("</td><td>")
                    .append(badge(t.state()).html(t.state()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static Badge badge(String state) {
        if (state.equals("ok")) return Badge.OK;
        if (state.startsWith("fired")) return Badge.BAD;
        if (state.startsWith("no sample")) return Badge.IDLE;
        return Badge.WARN;
    }

    private static String fact(String name, String value) {
        return "<div><dt>" + Markup.esc(name) + "</dt><dd>" + Markup.esc(value) + "</dd></div>";
    }

    private static String minutes(java.time.Duration d) {
        long s = Math.max(0, d.toSeconds());
        return (s / 60) + ":" + String.format(java.util.Locale.ROOT, "%02d", s % 60);
    }
}
