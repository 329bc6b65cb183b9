package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;

import dev.gantry.flags.FlagRefused;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.web.FlagsPage;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dashboard's page of a project's flags, one environment at a time; its buttons send their changes to the API. */
final class FlagPages {

    private final Projects projects;
    private final ServerFlags flags;

    FlagPages(Projects projects, ServerFlags flags) {
        this.projects = projects;
        this.flags = flags;
    }

    List<Route> routes() {
        return List.of(Route.of(GET, "/projects/{project}/flags", Scope.READ, this::page));
    }

    /** The environment asked for, or the plan's first. */
    private void page(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        Plan plan = ApiHandlers.plan(home);
        List<String> environments =
                plan.environments().stream().map(Environment::name).toList();
        String environment = Optional.ofNullable(ctx.queryParam("environment"))
                .filter(e -> !e.isBlank())
                .orElse(environments.isEmpty() ? "" : environments.get(0));
        if (!environments.contains(environment)) throw ApiException.unknownEnvironment(plan, environment);
        List<FlagsPage.Row> rows = new ArrayList<>();
        try {
            for (ServerFlags.Kept kept : flags.in(home, Optional.of(environment))) {
                rows.add(new FlagsPage.Row(
                        kept.flag(), flags.history(home, kept.flag().name(), Optional.of(environment))));
            }
        } catch (FlagRefused e) {
            throw ApiException.notFound(e.getMessage());
        }
        Pages.html(ctx, FlagsPage.render(home.name(), environments, environment, rows, Pages.viewer(ctx)));
    }
}
