package dev.gantry.server;

import dev.gantry.server.auth.Sessions;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The cookie that carries a session: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site
 * makes the browser send it), and {@code Secure} when the request came over https or the server's public address
 * is an https one (behind a TLS proxy, the request reaches the server over plain http).
 */
final class SessionCookie {

    static final String NAME = "gantry_session";

    /** Set on every request when the server's public address is https. */
    static final String BEHIND_TLS = "gantry.behind-tls";

    private SessionCookie() {}

    static Optional<String> read(Context ctx) {
        return Optional.ofNullable(ctx.cookie(NAME)).filter(v -> !v.isEmpty());
    }

    static void set(Context ctx, String value) {
        ctx.res().addHeader("Set-Cookie", line(ctx, NAME, value, "/", Sessions.LONGEST.toSeconds()));
    }

    static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", line(ctx, NAME, "", "/", 0));
    }

    /** A cookie as the server writes them all. */
    static String line(Context ctx, String name, String value, String path, long maxAge) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : "");
    }

    /** Whether the browser reached the server over https, itself or through a TLS proxy. */
    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || Boolean.TRUE.equals(ctx.attribute(BEHIND_TLS));
    }
}
