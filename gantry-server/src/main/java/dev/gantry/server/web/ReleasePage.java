package dev.gantry.server.web;

import dev.gantry.changelog.Entry;
import dev.gantry.coordinate.ApprovalStatus;
import dev.gantry.documents.Checklist;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Decision;
import dev.gantry.gate.RecordedGate;
import dev.gantry.gate.Signoff;
import dev.gantry.release.Candidate;
import dev.gantry.store.Approval;
import java.util.List;

/**
 * {@code /projects/{project}/release?ref=...}: the release of one commit as the release lead reviews it: version and
 * changes, the gate recorded for each environment, the approvals (with a button for each role still missing, which
 * names the commit it approves), the checklist with ticking, and the plan's documents.
 */
public final class ReleasePage {

    /**
     * What the page shows.
     *
     * @param environment the checklist's environment
     * @param gates the last gate recorded for the release in each environment that has one
     * @param changelog the release's section of the changelog, as Markdown
     * @param releasePlan the release plan document, as Markdown
     */
    public record Release(
            String project,
            Candidate candidate,
            List<String> environments,
            String environment,
            Checklist checklist,
            ApprovalStatus approvals,
            List<RecordedGate> gates,
            String changelog,
            String releasePlan) {}

    private ReleasePage() {}

    public static String render(Release release, Viewer viewer) {
        Candidate candidate = release.candidate();
        String version = candidate.version().toString();
        StringBuilder body = new StringBuilder("<h1>Release <span class=\"version\">")
                .append(Markup.esc(version))
                .append("</span></h1>\n<dl class=\"facts\"><div><dt>Type</dt><dd>")
                .append(Markup.esc(candidate.type().name().toLowerCase(java.util.Locale.ROOT)))
                .append("</dd></div><div><dt>Commit</dt><dd><code class=\"commit\">")
                .append(Markup.esc(candidate.commit()))
                .append("</code></dd></div><div><dt>Tag</dt><dd>")
                .append(Markup.esc(candidate.tag()))
                .append("</dd></div><div><dt>Since</dt><dd>")
                .append(Markup.esc(candidate.previousTag().orElse("the first commit")))
                .append("</dd></div></dl>\n");
        approvals(body, release, viewer);
        gates(body, release.gates());
        changes(body, release);
        ChecklistSection.render(body, release, viewer);
        body.append("<section class=\"card\"><h2>Release plan</h2>\n<details><summary>The release plan document")
                .append(" (Markdown, as it is written to the repository)</summary><pre class=\"document\">")
                .append(Markup.esc(release.releasePlan()))
                .append("</pre></details></section>\n");
        String project = release.project();
        return Layout.page(
                project + " " + version,
                viewer,
                List.of(
                        new Layout.Crumb(project, "/projects/" + Markup.url(project)),
                        new Layout.Crumb("release " + version, "")),
                body.toString());
    }

    private static void approvals(StringBuilder body, Release release, Viewer viewer) {
        ApprovalStatus status = release.approvals();
        body.append("<section class=\"card\" id=\"approvals\"><h2>Approvals ")
                .append(
                        status.complete()
                                ? Badge.OK.html("complete")
                                : Badge.WARN.html("missing "
                                        + status.roles().stream()
                                                .filter(r -> !r.given())
                                                .count()))
                .append("</h2>\n<p class=\"hint\">An approval counts for commit ")
                .append(Markup.commit(status.commit()))
                .append(" under this plan alone; a new commit or a change to the plan needs approving again.")
                .append("</p>\n");
        if (!status.cancelled().isEmpty()) {
            body.append("<ul class=\"cancelled\">\n");
            for (Signoff.Cancelled c : status.cancelled()) {
                body.append("<li>")
                        .append(Badge.WARN.html("cancelled"))
                        .append(" ")
                        .append(Markup.esc(
                                c.approval().role() + " by " + c.approval().person()))
                        .append(": ")
                        .append(Markup.esc(c.reason()))
                        .append("</li>\n");
            }
            body.append("</ul>\n");
        }
        if (status.roles().isEmpty()) {
            body.append("<p>This release needs no approvals.</p></section>\n");
            return;
        }
        body.append("<table class=\"approvals\"><thead><tr><th>Role</th><th>State</th><th>By</th><th>Comment</th>")
                .append("<th></th></tr></thead><tbody>\n");
        for (Signoff.RoleStatus role : status.roles()) {
            body.append("<tr><th scope=\"row\">").append(Markup.esc(role.role()));
            if (role.fromPolicy())
                body.append("<br><span class=\"hint\">")
                        .append(Markup.esc("from " + role.from()))
                        .append("</span>");
            body.append("</th><td>");
            String count = role.needed() > 1 ? " " + role.approvals().size() + " of " + role.needed() : "";
            body.append(role.given() ? Badge.OK.html("approved" + count) : Badge.WARN.html("missing" + count))
                    .append("</td><td>");
            for (Approval a : role.approvals()) {
                body.append(Markup.esc(a.person()))
                        .append(", ")
                        .append(Markup.esc(Markup.time(a.at())))
                        .append("<br>");
            }
            if (!role.given()) {
                body.append(
                        role.holders().isEmpty()
                                ? Markup.esc(Signoff.nobody(role))
                                : "can be given by " + Markup.esc(String.join(", ", role.holders())));
            }
            body.append("</td><td class=\"comment\">");
            for (Approval a : role.approvals())
                body.append(Markup.esc(a.comment())).append("<br>");
            body.append("</td><td>");
            // The button is offered to whoever may give this role; the server judges it again when it is pressed.
            if (!role.given() && viewer.mayApprove() && role.holders().contains(viewer.person())) {
                body.append(Forms.open(
                                "/api/projects/" + Markup.url(release.project()) + "/approvals", "approve", true))
                        .append(Forms.hidden("ref", status.commit()))
                        .append(Forms.hidden("role", role.role()))
                        .append(Forms.text("comment", "Comment", false))
                        .append(" <button type=\"submit\">Approve as ")
                        .append(Markup.esc(role.role()))
                        .append(" · commit <code>")
                        .append(Markup.esc(status.commit()
                                .substring(0, Math.min(7, status.commit().length()))))
                        .append("</code></button>")
                        .append(Forms.close());
            }
            body.append("</td></tr>\n");
        }
        body.append("</tbody></table></section>\n");
    }

    private static void gates(StringBuilder body, List<RecordedGate> gates) {
        body.append("<section class=\"card\" id=\"gate\"><h2>Gate</h2>\n");
        if (gates.isEmpty()) {
            body.append("<p>No gate recorded for this release yet (<code>gantry gate</code> records one).</p>");
        }
        for (RecordedGate gate : gates) {
            Badge decision = gate.decision() == Decision.GO
                    ? Badge.OK
                    : gate.decision() == Decision.NO_GO ? Badge.BAD : Badge.WARN;
            body.append("<h3>")
                    .append(Markup.esc(gate.environment()))
                    .append(" ")
                    .append(decision.html(gate.decision().label()))
                    .append(" <span class=\"when\">")
                    .append(Markup.esc(Markup.time(gate.at())))
                    .append(", commit ")
                    .append(Markup.commit(gate.commit()))
                    .append("</span></h3>\n<table class=\"gate\"><thead><tr><th>Criterion</th><th>Check</th>")
                    .append("<th>Result</th><th>Evidence</th></tr></thead><tbody>\n");
            for (RecordedGate.Criterion c : gate.criteria()) {
                Badge result =
                        c.status() == CheckResult.Status.MET ? Badge.OK : c.overridden() ? Badge.WARN : Badge.BAD;
                body.append("<tr><td><strong>")
                        .append(Markup.esc(c.id()))
                        .append("</strong> ")
                        .append(Markup.esc(c.title()))
                        .append(c.blocker() ? " <span class=\"hint\">(blocker)</span>" : "")
                        .append("</td><td>")
                        .append(Markup.esc(c.check()))
                        .append("</td><td>")
                        .append(result.html(c.status().label() + (c.overridden() ? " (overridden)" : "")))
                        .append("</td><td>")
                        .append(Markup.esc(c.evidence()))
                        .append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        body.append("</section>\n");
    }

    private static void changes(StringBuilder body, Release release) {
        Candidate candidate = release.candidate();
        body.append("<section class=\"card\" id=\"changes\"><h2>Changes since ")
                .append(Markup.esc(candidate.previousTag().orElse("the first commit")))
                .append("</h2>\n");
        List<Entry> entries = candidate.changes().entries();
        if (entries.isEmpty()) {
            body.append("<p>No notable changes.</p>");
        } else {
            body.append("<table class=\"changes\"><thead><tr><th>Type</th><th>Change</th><th>Commit</th></tr>")
                    .append("</thead><tbody>\n");
            for (Entry e : entries) {
                body.append("<tr><td>")
                        .append(Markup.esc(e.type()))
                        .append(e.scope()
                                .map(s -> " <span class=\"scope\">(" + Markup.esc(s) + ")</span>")
                                .orElse(""))
                        .append(e.breaking() ? " " + Badge.BAD.html("breaking") : "")
                        .append("</td><td class=\"subject\">")
                        .append(Markup.esc(e.description()))
                        .append("</td><td>")
                        .append(Markup.commit(e.hash()))
                        .append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        body.append("<details><summary>The changelog section (Markdown, as it goes into CHANGELOG.md)</summary>")
                .append("<pre class=\"document\">")
                .append(Markup.esc(release.changelog()))
                .append("</pre></details></section>\n");
    }
}
