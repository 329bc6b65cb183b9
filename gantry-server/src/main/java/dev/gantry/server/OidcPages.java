package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;

import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Accounts;
import dev.gantry.server.auth.OidcException;
import dev.gantry.server.auth.OidcLogins;
import dev.gantry.server.auth.OidcProvider;
import dev.gantry.server.auth.OpenedSession;
import dev.gantry.server.auth.Sessions;
import dev.gantry.server.auth.Throttle;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Logging in through an OpenID Connect provider: {@code /login/oidc} sends the browser to the provider with a new
 * state, nonce and PKCE challenge, and the provider sends it back to {@code /login/oidc/callback} with a code. The
 * state must come back in the same browser (a cookie only these pages receive holds it) and only once. Only a person
 * who already has a local account may log in so; the provider says who they are, the account says what they may do.
 */
final class OidcPages {

    static final String START = LoginPages.PATH + "/oidc";
    static final String CALLBACK = START + "/callback";
    private static final String STATE_COOKIE = "gantry_oidc";

    private final OidcProvider provider;
    private final OidcLogins logins;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Throttle addresses;
    private final AuditLog audit;
    private final ServerLog log;
    private final Clock clock;

    OidcPages(
            OidcProvider provider,
            OidcLogins logins,
            Accounts accounts,
            Sessions sessions,
            Throttle addresses,
            AuditLog audit,
            ServerLog log,
            Clock clock) {
        this.provider = provider;
        this.logins = logins;
        this.accounts = accounts;
        this.sessions = sessions;
        this.addresses = addresses;
        this.audit = audit;
        this.log = log;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(Route.open(GET, START, this::start), Route.open(GET, CALLBACK, this::callback));
    }

    /** The link the login form shows. */
    LoginPage.Elsewhere link() {
        return new LoginPage.Elsewhere(
                START, "Log in with " + provider.settings().issuer().getHost());
    }

    private void start(Context ctx) throws Exception {
        OidcLogins.Started started = logins.start(LoginPages.safeNext(ctx.queryParam("next")));
        URI to;
        try {
            to = provider.authorization(started, redirect(ctx));
        } catch (OidcException e) {
            log.say("cannot send a login to the provider: " + e.getMessage());
            LoginPage.notice(ctx, 502, "Cannot log in", "The login service cannot be reached: " + e.getMessage());
            return;
        }
        // Lax, not Strict: the provider sends the browser back here from its own site, with a top-level GET.
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        STATE_COOKIE + "=" + started.state() + "; Path=" + START + "; Max-Age="
                                + OidcLogins.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax"
                                + (SessionCookie.secure(ctx) ? "; Secure" : ""));
        ctx.redirect(to.toString(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx) throws Exception {
        String address = ClientAddress.of(ctx);
        if (addresses.wait(address).isPresent()) {
            refuse(ctx, address, Optional.empty(), 429, "too many failed logins from here; try again in a minute");
            return;
        }
        String state = ctx.queryParam("state");
        String cookie = ctx.cookie(STATE_COOKIE);
        ctx.res().addHeader("Set-Cookie", STATE_COOKIE + "=; Path=" + START + "; Max-Age=0; HttpOnly; SameSite=Lax");
        boolean sameBrowser = state != null
                && cookie != null
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
        Optional<OidcLogins.Started> started = sameBrowser ? logins.finish(state) : Optional.empty();
        if (started.isEmpty()) {
            refuse(
                    ctx,
                    address,
                    Optional.empty(),
                    403,
                    "this login is unknown here, expired, finished already, or"
                            + " was started in another browser: start again");
            return;
        }
        String error = ctx.queryParam("error");
        if (error != null) {
            refuse(
                    ctx,
                    address,
                    Optional.empty(),
                    403,
                    "the login service refused" + (error.matches("[a-z_]{1,50}") ? " (" + error + ")" : ""));
            return;
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank()) {
            refuse(ctx, address, Optional.empty(), 400, "the login service sent no code");
            return;
        }
        String person;
        try {
            person = provider.person(code, started.get(), redirect(ctx));
        } catch (OidcException e) {
            refuse(ctx, address, Optional.empty(), 403, e.getMessage());
            return;
        }
        try {
            person = dev.gantry.server.auth.PersonName.checked(
                    person, "the provider's " + provider.settings().claim());
        } catch (IllegalArgumentException e) {
            refuse(
                    ctx,
                    address,
                    Optional.empty(),
                    403,
                    "the login service named no person this server can take: " + e.getMessage());
            return;
        }
        if (accounts.find(person).isEmpty()) {
            refuse(
                    ctx,
                    address,
                    Optional.of(person),
                    403,
                    "nobody named \"" + person + "\" has an account here;"
                            + " an admin creates one with gantry account create");
            return;
        }
        ApiHandlers.audited(audit);
        OpenedSession opened = sessions.open(person);
        SessionCookie.set(ctx, opened.cookie());
        audit.append(
                clock.instant(),
                person,
                AuditAction.LOGIN,
                "",
                "from " + address + " through " + provider.settings().issuer());
        log.say("logged in " + person + " from " + address + " through "
                + provider.settings().issuer());
        ctx.redirect(started.get().next(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void refuse(Context ctx, String address, Optional<String> person, int status, String why) {
        addresses.failed(address);
        log.say("refused a login through " + provider.settings().issuer() + " from " + address + ": " + why);
        try {
            audit.append(
                    clock.instant(),
                    person.orElse("(unknown)"),
                    AuditAction.LOGIN_REFUSED,
                    "",
                    cut("from " + address + " through " + provider.settings().issuer() + ": " + why));
        } catch (Exception e) {
            log.error("cannot record a refused login in the audit log", e);
        }
        LoginPage.notice(ctx, status, "Not logged in", why);
    }

    /** The server's redirect URI, as the provider knows it. */
    private URI redirect(Context ctx) {
        String base = provider.settings()
                .publicUrl()
                .map(u -> u.toString().replaceAll("/+$", ""))
                .orElse(ctx.scheme() + "://" + ctx.host());
        return URI.create(base + CALLBACK);
    }

    private static String cut(String text) {
        return text.length() > 1000 ? text.substring(0, 997) + "..." : text;
    }
}
