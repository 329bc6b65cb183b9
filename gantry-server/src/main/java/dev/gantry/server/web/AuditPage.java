package dev.gantry.server.web;

import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditFinding;
import java.util.List;

/** {@code /audit}: every change made through the server, newest first, and whether the hash chain holds. */
public final class AuditPage {

    private AuditPage() {}

    public static String render(List<AuditEntry> entries, List<AuditFinding> findings, Viewer viewer) {
        StringBuilder body = new StringBuilder("<h1>Audit log</h1>\n<section class=\"card\"><h2>The chain ");
        if (findings.isEmpty()) {
            body.append(Badge.OK.html("intact")).append("</h2><p>Every entry's hash and link checks out.</p>");
        } else {
            body.append(Badge.BAD.html("broken")).append("</h2><ul class=\"findings\">");
            for (AuditFinding f : findings)
                body.append("<li>").append(Markup.esc(f.toString())).append("</li>");
            body.append("</ul>");
        }
        body.append("</section>\n<section class=\"card\"><table class=\"audit\"><thead><tr><th>#</th><th>When</th>")
                .append("<th>Who</th><th>What</th><th>Project</th><th>Subject</th></tr></thead><tbody>\n");
        for (int i = entries.size() - 1; i >= 0; i--) {
            AuditEntry e = entries.get(i);
            body.append("<tr><td>")
                    .append(e.sequence())
                    .append("</td><td>")
                    .append(Markup.esc(Markup.time(e.at())))
                    .append("</td><td>")
                    .append(Markup.esc(e.actor()))
                    .append("</td><td>")
                    .append(Markup.esc(
                            e.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')))
                    .append("</td><td>")
                    .append(Markup.esc(e.project()))
                    .append("</td><td>")
                    .append(Markup.esc(e.subject()))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></section>\n");
        return Layout.page("Audit log", viewer, List.of(new Layout.Crumb("audit log", "")), body.toString());
    }
}
