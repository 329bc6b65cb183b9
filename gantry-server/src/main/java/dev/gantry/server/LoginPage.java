package dev.gantry.server;

import dev.gantry.server.web.Markup;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The login form, written by the server as plain HTML: every value it shows is escaped, and it has no script and
 * no inline style, so a Content-Security-Policy of {@code default-src 'self'} holds for it.
 */
final class LoginPage {

    /** Where a login goes through another service: its path on this server, and the words on its link. */
    record Elsewhere(String path, String label) {}

    private LoginPage() {}

    /** Answers with the form; {@code message} says why it is shown again. */
    static void show(
            Context ctx,
            int status,
            String csrf,
            String next,
            String person,
            Optional<String> message,
            Optional<Elsewhere> elsewhere) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Log in - Gantry</title>\n</head>\n<body>\n<main>\n<h1>Log in to Gantry</h1>\n");
        message.ifPresent(
                m -> html.append("<p role=\"alert\">").append(Markup.esc(m)).append("</p>\n"));
        html.append("<form method=\"post\" action=\"")
                .append(LoginPages.PATH)
                .append("\">\n")
                .append("<input type=\"hidden\" name=\"")
                .append(Access.CSRF_FIELD)
                .append("\" value=\"")
                .append(Markup.esc(csrf))
                .append("\">\n")
                .append("<input type=\"hidden\" name=\"next\" value=\"")
                .append(Markup.esc(next))
                .append("\">\n")
                .append("<p><label>Name <input name=\"person\" autocomplete=\"username\" required value=\"")
                .append(Markup.esc(person))
                .append("\"></label></p>\n")
                .append("<p><label>Password <input type=\"password\" name=\"password\"")
                .append(" autocomplete=\"current-password\" required></label></p>\n")
                .append("<p><button type=\"submit\">Log in</button></p>\n</form>\n");
        elsewhere.ifPresent(e -> html.append("<p><a href=\"")
                .append(Markup.esc(e.path() + "?next=" + LoginPages.encode(next)))
                .append("\">")
                .append(Markup.esc(e.label()))
                .append("</a></p>\n"));
        html.append("</main>\n</body>\n</html>\n");
        answer(ctx, status, html.toString());
    }

    /** Who the caller is, and for a session, the form that logs it out. */
    static void account(Context ctx, String person, String scopes, Optional<String> csrf, String ends) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(Markup.esc(person))
                .append(" - Gantry</title>\n</head>\n<body>\n<main>\n")
                .append("<h1>")
                .append(Markup.esc(person))
                .append("</h1>\n")
                .append("<p>May: ")
                .append(Markup.esc(scopes))
                .append("</p>\n")
                .append("<p>")
                .append(Markup.esc(ends))
                .append("</p>\n");
        csrf.ifPresent(token -> html.append("<form method=\"post\" action=\"")
                .append(LoginPages.LOGOUT)
                .append("\">\n<input type=\"hidden\" name=\"")
                .append(Access.CSRF_FIELD)
                .append("\" value=\"")
                .append(Markup.esc(token))
                .append("\">\n<button type=\"submit\">Log out</button>\n</form>\n"));
        html.append("</main>\n</body>\n</html>\n");
        answer(ctx, 200, html.toString());
    }

    /** A page that says one thing, such as why a login through another service was refused. */
    static void notice(Context ctx, int status, String title, String text) {
        answer(
                ctx,
                status,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Markup.esc(title)
                        + " - Gantry</title>\n</head>\n<body>\n<main>\n<h1>" + Markup.esc(title) + "</h1>\n<p>"
                        + Markup.esc(text) + "</p>\n<p><a href=\"" + LoginPages.PATH
                        + "\">Log in</a></p>\n</main>\n</body>\n</html>\n");
    }

    private static void answer(Context ctx, int status, String html) {
        ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }
}
