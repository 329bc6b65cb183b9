package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.KeptFlag;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.api.FlagChanged;
import dev.gantry.server.api.FlagSettingsRequest;
import dev.gantry.server.api.FlagSwitchRequest;
import dev.gantry.server.api.FlagView;
import dev.gantry.server.auth.Scope;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The state of a project's flags in each environment: read by anyone who may read, changed by those who may operate,
 * as the person of their token or session. A flag or environment the plan does not have is 404; a change the core
 * refuses (no reason, settings it cannot take) is 422, with the core's words.
 */
final class FlagHandlers {

    private final Projects projects;
    private final ServerFlags flags;

    FlagHandlers(Projects projects, ServerFlags flags) {
        this.projects = projects;
        this.flags = flags;
    }

    List<Route> routes() {
        return List.of(
                Route.of(GET, "/api/projects/{project}/flags", Scope.READ, this::list),
                Route.of(GET, "/api/projects/{project}/flags/export", Scope.READ, this::export),
                Route.of(GET, "/api/projects/{project}/flags/{flag}/history", Scope.READ, this::history),
                Route.of(POST, "/api/projects/{project}/flags/{flag}/switch", Scope.OPERATE, this::switchFlag),
                Route.of(PUT, "/api/projects/{project}/flags/{flag}/settings", Scope.OPERATE, this::configure));
    }

    private void list(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        List<ServerFlags.Kept> kept = read(() -> flags.in(home, Optional.ofNullable(ctx.queryParam("environment"))));
        ctx.json(kept.stream().map(k -> FlagView.of(k.flag(), k.environment())).toList());
    }

    private void export(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = ApiHandlers.required(ctx.queryParam("environment"), "environment");
        String document = StateWriter.write(read(() -> flags.export(home, environment)));
        ctx.contentType("application/json").result(document);
    }

    private void history(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String flag = ctx.pathParam("flag");
        List<FlagEvent> events =
                read(() -> flags.history(home, flag, Optional.ofNullable(ctx.queryParam("environment"))));
        ctx.json(events.stream().map(FlagChangeView::of).toList());
    }

    private void switchFlag(Context ctx) throws Exception {
        FlagSwitchRequest request = ApiHandlers.body(
                ctx, FlagSwitchRequest.class, "{\"environment\": ..., \"on\": true|false, \"reason\": ...}");
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = ApiHandlers.required(request.environment(), "environment");
        if (request.on() == null) throw ApiException.badRequest("the request needs on: true or false");
        String flag = ctx.pathParam("flag");
        read(() -> flags.flag(home, environment, flag));
        Optional<FlagEvent> event = change(() -> flags.turn(
                home, environment, flag, request.on(), Access.caller(ctx).person(), request.reason()));
        ctx.status(event.isPresent() ? 201 : 200).json(answer(home, environment, flag, event));
    }

    private void configure(Context ctx) throws Exception {
        FlagSettingsRequest request = ApiHandlers.body(
                ctx,
                FlagSettingsRequest.class,
                "{\"environment\": ..., \"reason\": ..., \"settings\": {one feature, or a features document}}");
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String environment = ApiHandlers.required(request.environment(), "environment");
        if (request.settings() == null || request.settings().isNull())
            throw ApiException.badRequest("the request needs settings: one feature in Unleash's shape, or a client"
                    + " features document holding it and its segments");
        String flag = ctx.pathParam("flag");
        read(() -> flags.flag(home, environment, flag));
        FlagEvent event = change(() -> flags.configure(
                home,
                environment,
                flag,
                request.settings().toString(),
                FlagSettingsRequest.PLACE,
                Access.caller(ctx).person(),
                request.reason()));
        // Every accepted settings request is a change recorded, as a switch that changed something is.
        ctx.status(201).json(answer(home, environment, flag, Optional.of(event)));
    }

    private FlagChanged answer(ProjectHome home, String environment, String flag, Optional<FlagEvent> event)
            throws Exception {
        KeptFlag now = read(() -> flags.flag(home, environment, flag));
        return new FlagChanged(event.map(FlagChangeView::of), FlagView.of(now, environment));
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /** A read the core refuses names a flag or environment the plan does not have. */
    private static <T> T read(Call<T> call) throws Exception {
        try {
            return call.call();
        } catch (FlagRefused e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /** The flag and environment are known by now: what the core refuses is the request's content. */
    private static <T> T change(Call<T> call) throws Exception {
        try {
            return call.call();
        } catch (FlagRefused e) {
            throw new ApiException(422, e.getMessage());
        }
    }
}
