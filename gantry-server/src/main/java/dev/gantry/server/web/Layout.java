package dev.gantry.server.web;

import java.util.List;

/**
 * The frame of every page: a header that says where you are and who you are, the style sheet and the one script, the
 * token the script sends with each change. Nothing inline: the server forbids inline scripts and styles.
 */
public final class Layout {

    /** One step of the path shown in the header: a link, or the page itself when {@code href} is empty. */
    public record Crumb(String label, String href) {}

    private Layout() {}

    public static String page(String title, Viewer viewer, List<Crumb> crumbs, String body) {
        StringBuilder html = new StringBuilder(body.length() + 1024);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"csrf-token\" content=\"")
                .append(Markup.esc(viewer.csrf()))
                .append("\"><title>")
                .append(Markup.esc(title))
                .append(" · Gantry</title>")
                .append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
                .append("<script src=\"/assets/dashboard.js\" defer></script></head>\n<body>\n");
        html.append("<header class=\"top\"><a class=\"brand\" href=\"/\">Gantry</a><nav class=\"crumbs\"")
                .append(" aria-label=\"where you are\">");
        for (Crumb crumb : crumbs) {
            html.append("<span class=\"sep\" aria-hidden=\"true\">/</span>");
            if (crumb.href().isEmpty()) {
                html.append("<span aria-current=\"page\">")
                        .append(Markup.esc(crumb.label()))
                        .append("</span>");
            } else {
                html.append("<a href=\"")
                        .append(Markup.esc(crumb.href()))
                        .append("\">")
                        .append(Markup.esc(crumb.label()))
                        .append("</a>");
            }
        }
        html.append("</nav>");
        if (!viewer.person().isEmpty()) {
            html.append("<span class=\"who\">");
            if (viewer.admin()) html.append("<a href=\"/audit\">Audit log</a> · ");
            html.append("<span class=\"person\">")
                    .append(Markup.esc(viewer.person()))
                    .append("</span> <span class=\"scopes\">(")
                    .append(Markup.esc(String.join(", ", viewer.scopes())))
                    .append(")</span></span>");
        }
        html.append("</header>\n<main>\n").append(body).append("</main>\n</body></html>\n");
        return html.toString();
    }

    /** A page that says what went wrong, for a person rather than a program. */
    public static String error(int status, String message, Viewer viewer) {
        return page(
                "Error " + status,
                viewer,
                List.of(new Crumb("error " + status, "")),
                "<section class=\"card\"><h1>" + Markup.esc(statusWord(status)) + "</h1><p class=\"problem\">"
                        + Markup.esc(message) + "</p><p><a href=\"/\">Back to the projects</a></p></section>\n");
    }

    private static String statusWord(int status) {
        return switch (status) {
            case 400 -> "That request cannot be answered";
            case 401 -> "Who are you?";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Not possible now";
            default -> "Something went wrong";
        };
    }
}
