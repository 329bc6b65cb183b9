package dev.gantry.server;

import dev.gantry.server.auth.ApiToken;
import dev.gantry.server.auth.Caller;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Throttle;
import dev.gantry.server.auth.Tokens;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who is calling and whether they may: every request but the health check brings a token ({@code Authorization:
 * Bearer gantry_...}); one that does not is refused with 401, one whose token lacks the scope with 403. An address
 * that keeps sending wrong tokens is refused with 429 for a while, before its token is even looked at.
 */
final class Access {

    private static final String BEARER = "Bearer ";
    private static final String CALLER = "gantry.caller";

    private final Tokens tokens;
    private final Throttle throttle;
    private final ServerLog log;

    Access(Tokens tokens, Throttle throttle, ServerLog log) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.log = log;
    }

    /** Lets the request through when its token may do what {@code required} allows; throws the refusal otherwise. */
    void check(Context ctx, Scope required) throws SQLException {
        String address = ctx.ip();
        Optional<Duration> wait = throttle.wait(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "too many wrong tokens from " + address + "; try again in " + seconds + " s");
        }
        if (java.util.Collections.list(ctx.req().getHeaders("Authorization")).size() > 1)
            throw ApiException.badRequest("send one Authorization header, not several");
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "this needs a token: send Authorization: Bearer gantry_...");
        }
        // The scheme's name is case-insensitive (RFC 7235).
        boolean bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        Optional<ApiToken> token = bearer ? tokens.check(header.substring(BEARER.length())) : Optional.empty();
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
        if (!token.get().allows(required)) {
            throw new ApiException(
                    403,
                    "this needs the " + required.label() + " scope; the token of "
                            + token.get().person()
                            + " has: "
                            + token.get().scopes().stream()
                                    .map(Scope::label)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        }
        ctx.attribute(CALLER, token.get());
    }

    /** Who the request was let through as. */
    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }
}
