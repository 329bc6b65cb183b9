package dev.gantry.server;

import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.ApiToken;
import dev.gantry.server.auth.Caller;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Session;
import dev.gantry.server.auth.Sessions;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.auth.Tokens;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who is calling and whether they may. Every request but the health check brings a token ({@code Authorization:
 * Bearer gantry_...}) or the session cookie of a person logged in to the pages. Without either, an API request is
 * refused with 401 and a page is sent to the login form; a token or account that lacks the scope is refused with
 * 403. An address that keeps sending wrong tokens is refused with 429 for a while, before its token is even looked
 * at.
 *
 * <p>A browser sends its cookie with every request to the server, also those another site makes it send, so a
 * request with the cookie that changes something (any method but GET) must also carry the session's CSRF token,
 * which only the server's own pages know (header {@value #CSRF_HEADER}, or form field {@value #CSRF_FIELD}), and an
 * {@code Origin} (or {@code Referer}) of the server itself when the browser sends one. A token needs neither: no
 * browser adds it to a request by itself.
 *
 * <p>Unleash's client API ({@link Route#unleash}) takes a token alone, also without the scheme, as Unleash's SDKs send
 * their API key; wrong tokens there count towards the same throttle, and a token's first use from an address is an
 * audit entry there too.
 */
public final class Access {

    /** The context attribute that holds the CSRF token of the request's session, for pages to put in their forms. */
    public static final String CSRF_ATTRIBUTE = "gantry.csrf";

    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";

    private static final String BEARER = "Bearer ";
    private static final String CALLER = "gantry.caller";

    private final Tokens tokens;
    private final Sessions sessions;
    private final Throttle throttle;
    private final AuditLog audit;
    private final ServerLog log;
    private final Clock clock;

    Access(Tokens tokens, Sessions sessions, Throttle throttle, AuditLog audit, ServerLog log, Clock clock) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.log = log;
        this.clock = clock;
    }

    /** Lets the request through when its caller may do what {@code required} allows; throws the refusal otherwise. */
    void check(Context ctx, Scope required) throws SQLException {
        check(ctx, required, false);
    }

    /**
     * As {@link #check(Context, Scope)}; with {@code unleash}, the way Unleash's client API is called: a token
     * only, sent as Unleash's SDKs send their API key ({@code Authorization: gantry_...}, no scheme) or as
     * {@code Bearer gantry_...}. No session cookie counts there: an SDK has none, and a browser's would be sent
     * along by any site.
     */
    void check(Context ctx, Scope required, boolean unleash) throws SQLException {
        String address = ClientAddress.of(ctx);
        Optional<Duration> wait = throttle.wait(address);
        if (wait.isPresent()) throw tooMany(ctx, wait.get(), "too many wrong tokens or passwords from " + address);
        if (java.util.Collections.list(ctx.req().getHeaders("Authorization")).size() > 1)
            throw ApiException.badRequest("send one Authorization header, not several");
        String header = ctx.header("Authorization");
        Caller caller;
        if (header != null && !header.isBlank()) {
            caller = token(ctx, header, address, unleash);
        } else if (unleash) {
            throw unknown(
                    ctx,
                    "this needs a token: send Authorization: gantry_... (as Unleash's SDKs send their API"
                            + " key) or Authorization: Bearer gantry_...");
        } else {
            Optional<String> cookie = SessionCookie.read(ctx);
            if (cookie.isEmpty())
                throw unknown(
                        ctx,
                        "this needs a token (send Authorization: Bearer gantry_...) or a session (log in at /login)");
            caller = session(ctx, cookie.get(), address);
        }
        if (!caller.allows(required)) {
            throw new ApiException(
                    403,
                    "this needs the " + required.label() + " scope; the "
                            + (caller instanceof ApiToken ? "token" : "account") + " of " + caller.person()
                            + " has: "
                            + caller.scopes().stream()
                                    .map(Scope::label)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        }
        ctx.attribute(CALLER, caller);
    }

    private ApiToken token(Context ctx, String header, String address, boolean raw) throws SQLException {
        // The scheme's name is case-insensitive (RFC 7235).
        boolean bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        Optional<ApiToken> token = bearer
                ? tokens.check(header.substring(BEARER.length()))
                : raw ? tokens.check(header.strip()) : Optional.empty();
        if (token.isEmpty()) {
            throttle.failed(address);
            if (throttle.wait(address).isPresent()) {
                log.say("shut out " + address + " for " + Throttle.WINDOW.toSeconds() + " s after " + Throttle.LIMIT
                        + " wrong tokens; its requests are refused unread until then");
            }
            // The token itself is never logged: a wrong one may be a real one sent to the wrong server.
            log.say("refused a token from " + address + " for " + ctx.method() + " " + ctx.path()
                    + ": not a token in force");
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiException(401, "the token is not one in force here (unknown, expired or revoked)");
        }
        if (tokens.used(token.get(), address)) {
            // A token seen from somewhere new is worth a look (a leaked CI token used from a laptop, say).
            log.say("token " + token.get().id() + " of " + token.get().person() + " used from " + address
                    + " for the first time");
            try {
                audit.append(
                        clock.instant(),
                        token.get().person(),
                        AuditAction.TOKEN_USED,
                        "",
                        "token " + token.get().id() + " from " + address + " for the first time");
            } catch (java.io.IOException e) {
                // A log that cannot be appended to refuses changes; reading goes on, and the server's log says so.
                log.say("the audit log could not record a token's first use from " + address + ": " + e.getMessage());
            }
        }
        return token.get();
    }

    private Session session(Context ctx, String cookie, String address) throws SQLException {
        Optional<Session> session = sessions.check(cookie);
        if (session.isEmpty()) {
            SessionCookie.clear(ctx);
            log.say("refused a session cookie from " + address + " for " + ctx.method() + " " + ctx.path()
                    + ": no session in force");
            throw unknown(ctx, "the session has ended (expired, logged out, or its account removed): log in again");
        }
        if (ctx.method() != HandlerType.GET) {
            Optional<String> refusal = SameOrigin.refusal(ctx);
            if (refusal.isPresent()) throw new ApiException(403, refusal.get());
            String expected = Sessions.csrfToken(cookie).orElseThrow();
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null && isForm(ctx)) sent = ctx.formParam(CSRF_FIELD);
            if (sent == null || !java.security.MessageDigest.isEqual(bytes(sent), bytes(expected))) {
                log.say("refused a request with a session cookie from " + address + " for " + ctx.method() + " "
                        + ctx.path() + ": " + (sent == null ? "no" : "a wrong") + " CSRF token");
                throw new ApiException(
                        403,
                        "a request with a session cookie that changes something needs the session's CSRF token,"
                                + " in the " + CSRF_HEADER + " header or the " + CSRF_FIELD + " form field; "
                                + (sent == null ? "it had none" : "it had a wrong one"));
            }
        }
        ctx.attribute(CSRF_ATTRIBUTE, Sessions.csrfToken(cookie).orElseThrow());
        return session.get();
    }

    /** No caller: a page asked for with GET is sent to the login form, anything else is refused with 401. */
    private static ApiException unknown(Context ctx, String message) {
        if (!ctx.path().startsWith("/api/") && ctx.method() == HandlerType.GET) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            return ApiException.redirect(LoginPages.PATH + "?next=" + LoginPages.encode(next));
        }
        ctx.header("WWW-Authenticate", "Bearer");
        return new ApiException(401, message);
    }

    private static ApiException tooMany(Context ctx, Duration wait, String why) {
        return new ApiException(429, why + "; try again in " + retryAfter(ctx, wait) + " s");
    }

    /** Says in {@code Retry-After} when to try again, in whole seconds rounded up; returns them. */
    static long retryAfter(Context ctx, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        ctx.header("Retry-After", Long.toString(seconds));
        return seconds;
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Who the request was let through as. */
    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** The CSRF token of the request's session, for a page's forms and scripts; empty for a token's request. */
    public static Optional<String> csrfToken(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CSRF_ATTRIBUTE));
    }
}
