package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.server.auth.ApiToken;
import dev.gantry.server.auth.Lapse;
import dev.gantry.server.auth.Scope;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Unleash's client API for one environment of a project, so that Unleash's SDKs and Gantry's own read the flags
 * Gantry keeps: an SDK is given {@value #BASE} (with the project and environment) as its Unleash API URL and a
 * Gantry token with the read scope as its API key. Beside it, what the SDKs said (registrations, metrics) for the
 * people of the project to read.
 */
final class UnleashHandlers {

    /** The base URL of the client API, as an SDK is configured with it. */
    static final String BASE = "/api/unleash/{project}/{environment}";

    private final Projects projects;
    private final FlagFeeds feeds;
    private final FlagUsage usage;
    private final Clock clock;
    private final ServerLog log;

    UnleashHandlers(Projects projects, FlagFeeds feeds, FlagUsage usage, Clock clock, ServerLog log) {
        this.projects = projects;
        this.feeds = feeds;
        this.usage = usage;
        this.clock = clock;
        this.log = log;
    }

    List<Route> routes() {
        return List.of(
                Route.unleash(GET, BASE + "/client/features", Scope.READ, this::features),
                Route.unleash(POST, BASE + "/client/register", Scope.READ, this::register),
                Route.unleash(POST, BASE + "/client/metrics", Scope.READ, this::metrics),
                Route.unleash(GET, BASE + "/client/streaming", Scope.READ, this::streaming),
                Route.of(GET, "/api/projects/{project}/flag-metrics", Scope.READ, this::readMetrics),
                Route.of(GET, "/api/projects/{project}/flag-clients", Scope.READ, this::readClients));
    }

    /** The environment's flags as Unleash answers {@code GET /api/client/features}, with an ETag of its text. */
    private void features(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = environment(ctx, home);
        String document = StateWriter.write(new FlagStates(home.store()).export(ApiHandlers.plan(home), environment));
        String etag = etag(document);
        ctx.header("ETag", etag);
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json; charset=utf-8").result(document);
    }

    private void register(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = environment(ctx, home);
        UnleashBodies.Registration sdk =
                UnleashBodies.registration(ctx.body(), header(ctx, "UNLEASH-INSTANCEID"), header(ctx, "UNLEASH-SDK"));
        usage.register(home.name(), environment, sdk, ((ApiToken) Access.caller(ctx)).id(), clock.instant());
        ctx.status(202);
    }

    private void metrics(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = environment(ctx, home);
        UnleashBodies.MetricsReport report = UnleashBodies.metrics(ctx.body(), header(ctx, "UNLEASH-INSTANCEID"));
        usage.record(home.name(), environment, report, clock.instant());
        ctx.status(202);
    }

    /**
     * The environment's flags as server-sent events, as Unleash streams them: {@code unleash-connected} with the
     * whole state at once, then {@code unleash-updated} with each change. When the token that opened it is revoked
     * or expires, a last event named {@code end} says why and the stream closes.
     */
    private void streaming(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = environment(ctx, home);
        var caller = Access.caller(ctx);
        new SseHandler(client -> {
                    // The stream holds no thread: the project's feed writes to it as flags change.
                    client.keepAlive();
                    FlagFeeds.Follower follower = new FlagFeeds.Follower() {
                        @Override
                        public boolean send(byte[] events) {
                            return write(client, events);
                        }

                        @Override
                        public void cut(Lapse lapse) {
                            ApiHandlers.end(client, lapse);
                        }
                    };
                    client.onClose(() -> feeds.leave(home.name(), follower));
                    try {
                        feeds.follow(home, environment, caller, follower);
                    } catch (Exception e) {
                        // The headers are sent: the stream can only end, and the server's log say why.
                        log.error("cannot stream the flags of " + home.name() + " in " + environment, e);
                        client.close();
                    }
                })
                .handle(ctx);
    }

    /** Yes and no counts per flag and application, as the SDKs sent them; {@code ?environment=} for one. */
    private void readMetrics(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        ctx.json(usage.metrics(home.name(), askedEnvironment(ctx, home)));
    }

    /** The SDK instances that registered; {@code ?environment=} for one environment's. */
    private void readClients(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        ctx.json(usage.instances(home.name(), askedEnvironment(ctx, home)));
    }

    /** The environment the path names; one the plan does not have is refused with those it has. */
    private static String environment(Context ctx, ProjectHome home) {
        return known(ApiHandlers.plan(home), ctx.pathParam("environment"));
    }

    private static String askedEnvironment(Context ctx, ProjectHome home) {
        String asked = ctx.queryParam("environment");
        return asked == null ? null : known(ApiHandlers.plan(home), asked);
    }

    private static String known(Plan plan, String environment) {
        if (plan.environments().stream().map(Environment::name).noneMatch(environment::equals))
            throw ApiException.unknownEnvironment(plan, environment);
        return environment;
    }

    /** An {@code UNLEASH-*} header the SDK sent, when it sent one that can be kept. */
    private static Optional<String> header(Context ctx, String name) {
        String value = ctx.header(name);
        if (value == null || value.isBlank()) return Optional.empty();
        if (value.length() > UnleashBodies.LONGEST)
            throw ApiException.badRequest(name + ": at most " + UnleashBodies.LONGEST + " characters");
        return Optional.of(value.strip());
    }

    /** A strong ETag of the document's text: the same text, the same tag, so it changes exactly when the state does. */
    static String etag(String document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether {@code If-None-Match} names the tag: one of a list, weak or not, or {@code *}. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals("*") || t.equals(etag)) return true;
        }
        return false;
    }

    /** Writes the events in one write and one flush; false when the client is gone. */
    private static boolean write(SseClient client, byte[] events) {
        if (client.terminated()) return false;
        try {
            client.ctx().res().getOutputStream().write(events);
            client.ctx().res().flushBuffer();
            return true;
        } catch (IOException gone) {
            client.close();
            return false;
        }
    }
}
