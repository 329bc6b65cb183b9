package dev.gantry.server.web;

import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.rollout.RunLog;
import java.util.List;

/** {@code /projects/{project}}: each environment as it stands, the way to a release, and the runs newest first. */
public final class ProjectPage {

    private ProjectPage() {}

    public static String render(
            String project, List<EnvironmentStatus> environments, List<HistoryQuery.Entry> history, Viewer viewer) {
        String base = "/projects/" + Markup.url(project);
        StringBuilder body = new StringBuilder("<h1>")
                .append(Markup.esc(project))
                .append("</h1>\n<section class=\"card\"><h2>Environments</h2>\n")
                .append(Environments.table(project, environments))
                .append("</section>\n");
        body.append("<section class=\"card\"><h2>A release</h2>\n<form class=\"inline\" method=\"get\" action=\"")
                .append(Markup.esc(base + "/release"))
                .append("\"><label>Commit, branch or tag <input name=\"ref\" value=\"HEAD\" required></label>")
                .append(" <button type=\"submit\">Open the release</button></form>\n")
                .append("<p class=\"hint\">Its version, changes, plan, checklist, gate and approvals.</p></section>\n");
        body.append("<section class=\"card\"><h2>Feature flags</h2>\n<p><a class=\"flags\" href=\"")
                .append(Markup.esc(base + "/flags"))
                .append("\">The flags in each environment</a>: on or off, for whom, who changed them and why.</p>")
                .append("</section>\n");
        body.append("<section class=\"card\"><h2>History</h2>\n");
        if (history.isEmpty()) {
            body.append("<p>No runs yet.</p>");
        } else {
            body.append("<table class=\"history\"><thead><tr><th>Started</th><th>Environment</th><th>Version</th>")
                    .append("<th>Commit</th><th>Outcome</th><th>Run</th></tr></thead><tbody>\n");
            for (HistoryQuery.Entry entry : history) {
                RunLog.Summary run = entry.run();
                String outcome = run.end()
                        .map(end -> Badge.of(end.verdict()).html(end.verdict().label())
                                + (run.manualRollback() ? " " + Badge.WARN.html("rolled back by a person") : "")
                                + " <span class=\"reason\">" + Markup.esc(end.reason()) + "</span>")
                        .orElse(Badge.RUNNING.html("running"));
                body.append("<tr><td>")
                        .append(Markup.esc(Markup.time(run.started())))
                        .append("</td><td>")
                        .append(Markup.esc(entry.environment()))
                        .append("</td><td class=\"version\">")
                        .append(Markup.esc(run.version()))
                        .append("</td><td>")
                        .append(Markup.commit(run.commit()))
                        .append("</td><td>")
                        .append(outcome)
                        .append("</td><td>")
                        .append(Runs.link(project, run.runId()))
                        .append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        body.append("</section>\n");
        return Layout.page(project, viewer, List.of(new Layout.Crumb(project, "")), body.toString());
    }
}
