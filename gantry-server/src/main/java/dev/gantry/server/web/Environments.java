package dev.gantry.server.web;

import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.rollout.RunLog;
import java.util.List;

/** The table of a project's environments: version, commit, how the last run stands, and a link to it. */
final class Environments {

    private Environments() {}

    static String table(String project, List<EnvironmentStatus> environments) {
        StringBuilder html = new StringBuilder("<table class=\"environments\"><thead><tr><th>Environment</th>")
                .append(
                        "<th>Version</th><th>Commit</th><th>State</th><th>Since</th><th>Run</th></tr></thead><tbody>\n");
        for (EnvironmentStatus env : environments) {
            html.append("<tr><th scope=\"row\">")
                    .append(Markup.esc(env.environment()))
                    .append("</th>");
            if (env.last().isEmpty()) {
                html.append("<td colspan=\"4\">").append(Badge.of(env.last())).append("</td><td></td></tr>\n");
                continue;
            }
            EnvironmentStatus.LastRun last = env.last().get();
            RunLog.Summary run = last.summary();
            html.append("<td class=\"version\">")
                    .append(Markup.esc(run.version()))
                    .append("</td><td>")
                    .append(Markup.commit(run.commit()))
                    .append("</td><td>")
                    .append(Badge.of(env.last()));
            if (run.end().isEmpty()) {
                html.append(" <span class=\"weight\">weight ")
                        .append(last.view().weight())
                        .append("%</span>");
            }
            last.untrusted().ifPresent(why -> html.append(" ")
                    .append(Badge.BAD.html("record cannot be trusted"))
                    .append(" <span class=\"problem\">")
                    .append(Markup.esc(why))
                    .append("</span>"));
            html.append("</td><td>")
                    .append(Markup.esc(Markup.time(run.ended().orElse(run.started()))))
                    .append("</td><td>")
                    .append(Runs.link(project, run.runId()))
                    .append("</td></tr>\n");
        }
        return html.append("</tbody></table>\n").toString();
    }
}
