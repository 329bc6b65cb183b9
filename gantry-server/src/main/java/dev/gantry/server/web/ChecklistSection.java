package dev.gantry.server.web;

import dev.gantry.documents.Checklist;
import dev.gantry.documents.ItemState;
import dev.gantry.plan.Milestone;
import dev.gantry.store.Tick;
import java.util.List;
import java.util.stream.Collectors;

/** The release's checklist for one environment: each item's state, and a tick button for the manual ones. */
final class ChecklistSection {

    private ChecklistSection() {}

    static void render(StringBuilder body, ReleasePage.Release release, Viewer viewer) {
        Checklist checklist = release.checklist();
        long done = checklist.items().stream().filter(Checklist.Item::done).count();
        body.append("<section class=\"card\" id=\"checklist\"><h2>Checklist for ")
                .append(Markup.esc(checklist.environment()))
                .append(" <span class=\"count\">")
                .append(done)
                .append(" of ")
                .append(checklist.items().size())
                .append(" done</span></h2>\n<p class=\"hint\">Other environments:");
        String base = "/projects/" + Markup.url(release.project()) + "/release?ref="
                + Markup.url(release.candidate().commit()) + "&environment=";
        for (String env : release.environments()) {
            if (env.equals(checklist.environment())) continue;
            body.append(" <a href=\"")
                    .append(Markup.esc(base + Markup.url(env)))
                    .append("\">")
                    .append(Markup.esc(env))
                    .append("</a>");
        }
        body.append("</p>\n<table class=\"checklist\"><thead><tr><th>Item</th><th>State</th><th></th></tr></thead>")
                .append("<tbody>\n");
        for (Milestone milestone : Milestone.values()) {
            List<Checklist.Item> items = checklist.items(milestone);
            if (items.isEmpty()) continue;
            body.append("<tr class=\"milestone\"><th colspan=\"3\">")
                    .append(Markup.esc(milestone.title()))
                    .append(" <span class=\"when\">")
                    .append(Markup.esc(milestone.when()))
                    .append("</span></th></tr>\n");
            for (Checklist.Item item : items) row(body, release, item, viewer);
        }
        body.append("</tbody></table></section>\n");
    }

    private static void row(StringBuilder body, ReleasePage.Release release, Checklist.Item item, Viewer viewer) {
        body.append("<tr data-item=\"")
                .append(Markup.esc(item.key()))
                .append("\"><td><strong>")
                .append(Markup.esc(item.title()))
                .append("</strong> <code class=\"key\">")
                .append(Markup.esc(item.key()))
                .append("</code>")
                .append(
                        item.machine()
                                ? " <span class=\"hint\">checked by "
                                        + Markup.esc(item.checkedBy().stream()
                                                .map(c -> c.entryId() + " (" + c.checkType() + ")")
                                                .collect(Collectors.joining(", ")))
                                        + "</span>"
                                : "")
                .append("<div class=\"text\">")
                .append(Markup.esc(item.text()))
                .append("</div></td><td>")
                .append(state(item))
                .append("</td><td>");
        boolean open = item.state().map(s -> s instanceof ItemState.Open).orElse(true);
        if (!item.machine() && open && viewer.mayApprove()) {
            body.append(Forms.open("/api/projects/" + Markup.url(release.project()) + "/checklist/ticks", "tick", true))
                    .append(Forms.hidden("ref", release.candidate().commit()))
                    .append(Forms.hidden("environment", release.checklist().environment()))
                    .append(Forms.hidden("item", item.key()))
                    .append(Forms.text("note", "Note", false))
                    .append(" <button type=\"submit\">Tick</button>")
                    .append(Forms.close());
        }
        body.append("</td></tr>\n");
    }

    private static String state(Checklist.Item item) {
        if (item.state().isEmpty()) return Badge.IDLE.html("unknown");
        ItemState state = item.state().get();
        if (state instanceof ItemState.Ticked ticked) {
            Tick t = ticked.tick();
            return Badge.OK.html("done") + " <span class=\"by\">ticked by " + Markup.esc(t.person()) + ", "
                    + Markup.esc(Markup.time(t.at())) + "</span>"
                    + (t.note() == null || t.note().isBlank()
                            ? ""
                            : "<div class=\"note\">" + Markup.esc(t.note()) + "</div>");
        }
        if (state instanceof ItemState.DoneByGantry d) {
            return Badge.OK.html("done by Gantry") + " <span class=\"by\">" + Markup.esc(d.what()) + " ("
                    + Markup.esc(d.by()) + ", " + Markup.esc(Markup.time(d.at())) + ")</span>";
        }
        if (state instanceof ItemState.Checked checked) {
            StringBuilder html =
                    new StringBuilder(checked.done() ? Badge.OK.html("met") : Badge.WARN.html("not met yet"));
            for (ItemState.Reading r : checked.readings()) {
                html.append("<div class=\"reading\">")
                        .append(Markup.esc(r.entryId()))
                        .append(": ")
                        .append(Markup.esc(r.state()
                                .map(c -> c.status().label() + ", " + c.evidence() + " (" + Markup.time(c.at()) + ")")
                                .orElse("not evaluated yet")))
                        .append("</div>");
            }
            return html.toString();
        }
        return Badge.IDLE.html("open");
    }
}
