package dev.gantry.report;

import static dev.gantry.report.Html.escape;

import dev.gantry.changelog.Entry;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Decision;
import dev.gantry.gate.RecordedGate;
import dev.gantry.store.Approval;
import java.util.List;

/**
 * Phase 1 of the HTML report: the gate's criteria and test status, the change summary, the rollback plan, the
 * approvals, the restrictions and the tickets in scope.
 */
final class HtmlGateSection {

    private final StringBuilder html;
    private final ReportModel model;
    private final Times times;

    HtmlGateSection(StringBuilder html, ReportModel model, Times times) {
        this.html = html;
        this.model = model;
        this.times = times;
    }

    void render() {
        gate();
    }

    private void gate() {
        ReportModel.GateSection gate = model.gate();
        html.append("<section>\n<h2>Pre-Release Gate (Phase 1)</h2>\n<p>Decision: ")
                .append(gate.decided()
                        .map(g -> Html.tag(g.decision().label(), g.decision() == Decision.NO_GO ? "bad" : "ok") + " "
                                + escape(g.summary()))
                        .orElse("not reached"))
                .append("</p>\n<h3>Acceptance Criteria</h3>\n");
        if (gate.criteria().isEmpty()) {
            html.append("<p>No criterion applies.</p>\n");
        } else {
            Html.Table t = new Html.Table(html, "Criterion", "Status", "Evidence");
            for (RecordedGate.Criterion c : gate.criteria()) {
                String kind = c.status() == CheckResult.Status.MET ? "ok" : c.overridden() ? "warn" : "bad";
                t.row(
                        escape(c.id() + " " + (c.title() == null ? "" : c.title())),
                        Html.tag(c.state(), kind),
                        escape(c.evidence()));
            }
            t.end();
        }
        if (gate.criteria().stream().anyMatch(c -> !c.uploads().isEmpty())) {
            // Who uploaded the files that decided the gate, and when: CI's word, shown as it is.
            html.append("<h3>Uploaded Evidence</h3>\n");
            Html.Table t = new Html.Table(html, "Criterion", "File", "SHA-256", "Uploaded by", "At");
            for (RecordedGate.Criterion c : gate.criteria()) {
                for (dev.gantry.store.Evidence.Upload u : c.uploads()) {
                    t.row(
                            escape(c.id()),
                            escape(u.path()),
                            escape(u.sha256()),
                            escape(u.by()),
                            escape(u.at().toString()));
                }
            }
            t.end();
        }
        html.append("<h3>Test Status</h3>\n");
        if (gate.tests().isEmpty()) {
            html.append("<p>No test report was part of the gate.</p>\n");
        } else {
            Html.Table t = new Html.Table(html, "Suite", "Pass", "Fail", "Skip", "Source");
            for (ReportModel.TestRow r : gate.tests())
                t.row(
                        escape(r.suite()),
                        String.valueOf(r.passed()),
                        String.valueOf(r.failed()),
                        String.valueOf(r.skipped()),
                        escape(r.source()));
            t.end();
        }
        changes();
    }

    private void changes() {
        ReportModel.ChangeSection changes = model.changes();
        html.append("<h3>Change Summary</h3>\n");
        if (changes.entries().isEmpty()) {
            html.append("<p>No change since the previous release.</p>\n");
        } else {
            Html.Table t = new Html.Table(html, "Change", "References", "Type");
            for (Entry e : changes.entries()) {
                t.row(
                        escape(e.scope().map(s -> s + ": ").orElse("") + e.description()) + " <code>"
                                + escape(e.shortHash()) + "</code>",
                        escape(String.join(", ", e.tickets())),
                        escape(ReportModel.ChangeSection.kind(e)));
            }
            t.end();
        }
        html.append("<h3>Rollback Plan</h3>\n<ul>\n");
        item("Previous version", changes.previousVersion().orElse("none (first release)"));
        html.append("<li>Rollback script: <code>")
                .append(escape(changes.rollbackScript()))
                .append("</code></li>\n");
        html.append("</ul>\n<h3>Approvals</h3>\n<ul>\n");
        if (changes.approvals().isEmpty()) html.append("<li>none recorded</li>\n");
        for (Approval a : changes.approvals()) {
            html.append("<li>")
                    .append(escape(a.role() + ": " + a.person() + ", " + times.when(a.at()) + " (commit "
                            + a.commit().substring(0, Math.min(7, a.commit().length())) + ")"
                            + (a.comment() == null ? "" : " — " + a.comment())))
                    .append("</li>\n");
        }
        html.append("</ul>\n<h3>Restrictions</h3>\n<ul>\n");
        List<String> windows = model.gate().windows();
        item("Change-window restrictions", windows.isEmpty() ? "none in the gate" : String.join("; ", windows));
        item("Manual approvals required", Texts.approvals(changes.approvals()));
        html.append("</ul>\n<h3>Tracker State at Gate</h3>\n<ul>\n");
        List<String> tickets = changes.tickets();
        item(
                "Tickets in scope",
                tickets.isEmpty()
                        ? "none referenced by the release's commits"
                        : tickets.size() + " (" + String.join(", ", tickets) + ")");
        html.append("</ul>\n</section>\n");
    }

    private void item(String field, String value) {
        Html.item(html, field, value);
    }
}
