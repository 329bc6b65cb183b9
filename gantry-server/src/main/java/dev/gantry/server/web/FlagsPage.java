package dev.gantry.server.web;

import dev.gantry.flags.FlagChange;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.KeptFlag;
import dev.gantry.flags.sdk.state.Dependency;
import dev.gantry.flags.sdk.state.Feature;
import dev.gantry.flags.sdk.state.Strategy;
import dev.gantry.plan.Flag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /projects/{project}/flags}: the plan's flags in one environment, each with its declaration, on or off, its
 * strategies and its last change; for those who may operate, a button that turns it the other way with a reason; and
 * every change of it there, newest first.
 */
public final class FlagsPage {

    /** A flag as it stands, and its changes in the environment shown. */
    public record Row(KeptFlag flag, List<FlagEvent> history) {
        public Row {
            history = List.copyOf(history);
        }
    }

    private FlagsPage() {}

    public static String render(
            String project, List<String> environments, String environment, List<Row> rows, Viewer viewer) {
        String base = "/projects/" + Markup.url(project);
        StringBuilder body = new StringBuilder("<h1>Flags of ")
                .append(Markup.esc(project))
                .append(" in ")
                .append(Markup.esc(environment))
                .append("</h1>\n<p class=\"hint environments\">Environments:");
        for (String env : environments) {
            if (env.equals(environment)) {
                body.append(" <strong aria-current=\"true\">")
                        .append(Markup.esc(env))
                        .append("</strong>");
            } else {
                body.append(" <a href=\"")
                        .append(Markup.esc(base + "/flags?environment=" + Markup.url(env)))
                        .append("\">")
                        .append(Markup.esc(env))
                        .append("</a>");
            }
        }
        body.append("</p>\n<section class=\"card\" id=\"flags\">\n");
        if (rows.isEmpty()) {
            body.append("<p>The plan declares no flags: add them under <code>flags:</code> in gantry.yaml.</p>");
        } else {
            body.append("<table class=\"flags\"><thead><tr><th>Flag</th><th>State</th><th>Strategies</th>")
                    .append("<th>Last change</th><th></th></tr></thead><tbody>\n");
            for (Row row : rows) row(body, project, environment, row, viewer);
            body.append("</tbody></table>\n");
        }
        body.append("</section>\n");
        return Layout.page(
                "Flags of " + project,
                viewer,
                List.of(new Layout.Crumb(project, base), new Layout.Crumb("flags", "")),
                body.toString());
    }

    private static void row(StringBuilder body, String project, String environment, Row row, Viewer viewer) {
        KeptFlag kept = row.flag();
        Flag declared = kept.declared();
        body.append("<tr data-flag=\"")
                .append(Markup.esc(kept.name()))
                .append("\"><td><strong class=\"name\">")
                .append(Markup.esc(kept.name()))
                .append("</strong><div class=\"text\">")
                .append(Markup.esc(declared.type().key()))
                .append(" · owner ")
                .append(Markup.esc(declared.owner() == null ? "none" : declared.owner()))
                .append(declared.introducedIn()
                        .map(r -> " · release " + Markup.esc(r))
                        .orElse(""))
                .append("</div>");
        if (declared.description() != null && !declared.description().isBlank()) {
            body.append("<div class=\"description\">")
                    .append(Markup.esc(declared.description()))
                    .append("</div>");
        }
        body.append("</td><td class=\"state\">")
                .append(kept.on() ? Badge.OK.html("on") : Badge.IDLE.html("off"))
                .append("</td><td class=\"strategies\">")
                .append(Markup.esc(strategies(kept.feature())))
                .append("</td><td class=\"last\">")
                .append(kept.last().map(FlagsPage::change).orElse("as the plan declares it"))
                .append("</td><td>");
        if (viewer.mayOperate()) {
            boolean to = !kept.on();
            body.append(Forms.open(
                            "/api/projects/" + Markup.url(project) + "/flags/" + Markup.url(kept.name()) + "/switch",
                            "switch",
                            true))
                    .append(Forms.hidden("environment", environment))
                    .append(Forms.text("reason", "Reason", true))
                    .append(" <button type=\"submit\" name=\"on\" value=\"")
                    .append(to)
                    .append("\"")
                    .append(to ? "" : " class=\"danger\"")
                    .append(">Turn ")
                    .append(to ? "on" : "off")
                    .append("</button>")
                    .append(Forms.close());
        }
        body.append("</td></tr>\n<tr class=\"history\" data-history=\"")
                .append(Markup.esc(kept.name()))
                .append("\"><td colspan=\"5\"><details><summary>History in ")
                .append(Markup.esc(environment))
                .append(" (")
                .append(row.history().size())
                .append(row.history().size() == 1 ? " change" : " changes")
                .append(")</summary>");
        if (row.history().isEmpty()) {
            body.append("<p class=\"hint\">Never changed here: it stands as the plan declares it.</p>");
        } else {
            body.append("<ol class=\"changes\" reversed>");
            List<FlagEvent> newestFirst = new ArrayList<>(row.history());
            java.util.Collections.reverse(newestFirst);
            for (FlagEvent event : newestFirst)
                body.append("<li>").append(change(event)).append("</li>");
            body.append("</ol>");
        }
        body.append("</details></td></tr>\n");
    }

    /** What a change did, when, by whom and why, as HTML with every text escaped. */
    private static String change(FlagEvent event) {
        String what;
        if (event.change() instanceof FlagChange.Switched s) {
            what = s.on() ? "turned on" : "turned off";
        } else {
            FlagChange.Configured c = (FlagChange.Configured) event.change();
            what = "configured: " + strategies(c.settings());
        }
        String actor = event.actor().isEmpty() ? "Gantry" : event.actor();
        return "<span class=\"what\">" + Markup.esc(what) + "</span> <span class=\"by\">"
                + Markup.esc(Markup.time(event.at())) + " by <span class=\"actor\">" + Markup.esc(actor) + "</span>"
                + Markup.esc(event.run().map(r -> " (rollback run " + r + ")").orElse("")) + "</span>"
                + "<div class=\"reason\">" + Markup.esc(event.reason()) + "</div>";
    }

    /** A line that says for whom the flag is on: its strategies with their parameters, variants, dependencies. */
    static String strategies(Feature feature) {
        List<String> parts = new ArrayList<>();
        if (feature.strategies().isEmpty()) parts.add("everyone (no strategies)");
        for (Strategy strategy : feature.strategies()) {
            StringBuilder part = new StringBuilder(strategy.name());
            Map<String, String> parameters = new TreeMap<>(strategy.parameters());
            if (!parameters.isEmpty()) {
                part.append(" (");
                parameters.forEach(
                        (k, v) -> part.append(k).append(' ').append(v).append(", "));
                part.setLength(part.length() - 2);
                part.append(')');
            }
            int constraints = strategy.constraints().size();
            if (constraints > 0) part.append(", ").append(count(constraints, "constraint", "constraints"));
            if (!strategy.segments().isEmpty())
                part.append(", ").append(count(strategy.segments().size(), "segment", "segments"));
            parts.add(part.toString());
        }
        if (!feature.variants().isEmpty()) parts.add(count(feature.variants().size(), "variant", "variants"));
        if (!feature.dependencies().isEmpty()) {
            parts.add("depends on "
                    + String.join(
                            ", ",
                            feature.dependencies().stream()
                                    .map(Dependency::feature)
                                    .toList()));
        }
        return String.join("; ", parts);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
