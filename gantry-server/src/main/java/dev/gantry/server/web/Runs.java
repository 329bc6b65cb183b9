package dev.gantry.server.web;

/** Where a run's pages are. */
final class Runs {

    private Runs() {}

    static String href(String project, String runId) {
        return "/projects/" + Markup.url(project) + "/runs/" + Markup.url(runId);
    }

    static String link(String project, String runId) {
        return "<a href=\"" + Markup.esc(href(project, runId)) + "\">" + Markup.esc(runId) + "</a>";
    }
}
