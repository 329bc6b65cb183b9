package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Account;
import dev.gantry.server.auth.Accounts;
import dev.gantry.server.auth.FormTokens;
import dev.gantry.server.auth.OpenedSession;
import dev.gantry.server.auth.PersonName;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Session;
import dev.gantry.server.auth.Sessions;
import dev.gantry.server.auth.Throttle;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Logging in to the server's pages with a local account, and out.
 *
 * <p>The login form is protected from being posted by another site (which could log a person in as someone else)
 * by a double-submit token: {@code GET /login} sets a random value in a cookie only {@code /login} receives and in
 * the form's hidden {@code _csrf} field, and {@code POST /login} takes the form only when both agree and its origin,
 * when the browser says it, is the server's. Wrong passwords are slowed down per address and per person.
 */
final class LoginPages {

    static final String PATH = "/login";
    static final String LOGOUT = "/logout";
    /** The caller's own page: who they are, and the way out. */
    static final String ACCOUNT = "/account";

    private static final String LOGIN_COOKIE = "gantry_login";

    private final Accounts accounts;
    private final Sessions sessions;
    private final Throttle addresses;
    private final Throttle people;
    private final AuditLog audit;
    private final ServerLog log;
    private final Clock clock;
    private final Optional<LoginPage.Elsewhere> elsewhere;
    private final Runnable ended;
    private final FormTokens formTokens;

    /**
     * @param elsewhere the link to log in through another service, when there is one
     * @param formTokens makes and checks the form's double-submit tokens
     * @param ended told when a session ends here, so that the streams it opened are cut at once
     */
    LoginPages(
            Accounts accounts,
            Sessions sessions,
            Throttle addresses,
            Throttle people,
            AuditLog audit,
            ServerLog log,
            Clock clock,
            Optional<LoginPage.Elsewhere> elsewhere,
            FormTokens formTokens,
            Runnable ended) {
        this.formTokens = formTokens;
        this.elsewhere = elsewhere;
        this.ended = ended;
        this.accounts = accounts;
        this.sessions = sessions;
        this.addresses = addresses;
        this.people = people;
        this.audit = audit;
        this.log = log;
        this.clock = clock;
    }

    /** The pages; {@code /logout} is checked as any other request with a session: its CSRF token, its origin. */
    List<Route> routes() {
        return List.of(
                Route.open(GET, PATH, this::form),
                Route.open(POST, PATH, this::login),
                Route.of(POST, LOGOUT, Scope.READ, this::logout),
                Route.of(GET, ACCOUNT, Scope.READ, this::account));
    }

    private void account(Context ctx) {
        var caller = Access.caller(ctx);
        String scopes = String.join(
                ", ", caller.scopes().stream().map(Scope::label).sorted().toList());
        String ends = caller instanceof Session session
                ? "Logged in until " + session.expires() + " unless idle before."
                : "Calling with a token.";
        LoginPage.account(ctx, caller.person(), scopes, Access.csrfToken(ctx), ends);
    }

    private void form(Context ctx) {
        show(ctx, 200, safeNext(ctx.queryParam("next")), "", Optional.empty());
    }

    /** Shows the form with a new login token in its field and in the login cookie. */
    private void show(Context ctx, int status, String next, String person, Optional<String> message) {
        String token = formTokens.issue();
        ctx.res().addHeader("Set-Cookie", SessionCookie.line(ctx, LOGIN_COOKIE, token, PATH, (int)
                FormTokens.LIFETIME.toSeconds()));
        LoginPage.show(ctx, status, token, next, person, message, elsewhere);
    }

    private void login(Context ctx) throws Exception {
        String address = ClientAddress.of(ctx);
        String next = safeNext(ctx.formParam("next"));
        String typed = Optional.ofNullable(ctx.formParam("person")).orElse("");
        String password = ctx.formParam("password");
        Optional<String> elsewhere = SameOrigin.refusal(ctx);
        if (elsewhere.isPresent()) {
            log.say("refused a login form from " + address + ": it came from another site");
            show(ctx, 403, next, "", elsewhere);
            return;
        }
        String cookie = ctx.cookie(LOGIN_COOKIE);
        String field = ctx.formParam(Access.CSRF_FIELD);
        // The pair must agree and be one a server made: a cookie planted with a field to match is not enough.
        if (cookie == null
                || field == null
                || !MessageDigest.isEqual(bytes(cookie), bytes(field))
                || !formTokens.issued(field)) {
            show(ctx, 403, next, "", Optional.of("The form was too old or not this server's: log in again."));
            return;
        }
        Optional<Duration> wait = addresses.wait(address);
        String person = named(typed);
        if (wait.isEmpty() && person != null) wait = people.wait(person);
        if (wait.isPresent()) {
            log.say("refused a login" + (person == null ? "" : " for " + person) + " from " + address
                    + " unread: too many wrong passwords");
            long seconds = Access.retryAfter(ctx, wait.get());
            show(ctx, 429, next, typed, Optional.of("Too many wrong passwords: try again in " + seconds + " s."));
            return;
        }
        Optional<Account> account = person == null ? Optional.empty() : accounts.check(person, password);
        if (account.isEmpty()) {
            refused(address, person);
            show(ctx, 401, next, typed, Optional.of("Wrong name or password."));
            return;
        }
        ApiHandlers.audited(audit);
        OpenedSession opened = sessions.open(account.get().person());
        SessionCookie.set(ctx, opened.cookie());
        ctx.res().addHeader("Set-Cookie", SessionCookie.line(ctx, LOGIN_COOKIE, "", PATH, 0));
        audit.append(clock.instant(), account.get().person(), AuditAction.LOGIN, "", "from " + address);
        log.say("logged in " + account.get().person() + " from " + address);
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Counts and records a wrong name or password; the password is never written anywhere. */
    private void refused(String address, String person) {
        addresses.failed(address);
        if (person != null) people.failed(person);
        log.say("refused a login" + (person == null ? "" : " for " + person) + " from " + address
                + ": wrong name or password");
        try {
            audit.append(
                    clock.instant(),
                    person == null ? "(not a name)" : person,
                    AuditAction.LOGIN_REFUSED,
                    "",
                    "from " + address + ": wrong name or password");
        } catch (Exception e) {
            log.error("cannot record a refused login in the audit log", e);
        }
    }

    private void logout(Context ctx) throws Exception {
        if (!(Access.caller(ctx) instanceof Session session))
            throw ApiException.badRequest("a token has no session to log out of; revoke it instead");
        sessions.end(SessionCookie.read(ctx).orElseThrow());
        ended.run();
        SessionCookie.clear(ctx);
        audit.append(clock.instant(), session.person(), AuditAction.LOGOUT, "", "from " + ClientAddress.of(ctx));
        ctx.redirect(PATH, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The name typed, when it is one a person may have; null otherwise. */
    private static String named(String typed) {
        try {
            return PersonName.checked(typed, "a login");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Where to go after logging in: a path on this server, never another site. Anything else (an absolute URL, a
     * network-path reference such as {@code //evil.example}, a backslash some browsers read as a slash) goes home.
     */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000) return "/";
        if (!next.startsWith("/") || next.startsWith("//")) return "/";
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c == '\\' || c <= ' ' || c == 0x7f) return "/";
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) return "/";
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
        return next;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
