package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.gantry.coordinate.RunBinding;
import dev.gantry.coordinate.RunReports;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.RollbackRequest;
import dev.gantry.server.api.RollbackStarted;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Scope;
import dev.gantry.version.Version;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** A run's report, rendered as the command line writes it, and a person's rollback of a released version. */
final class RunHandlers {

    private final Projects projects;
    private final AuditLog audit;
    private final ServerRuns runs;
    private final Time time;

    RunHandlers(Projects projects, AuditLog audit, ServerRuns runs, Time time) {
        this.projects = projects;
        this.audit = audit;
        this.runs = runs;
        this.time = time;
    }

    List<Route> routes() {
        return List.of(
                Route.of(GET, "/api/projects/{project}/runs/{run}/report", Scope.READ, this::report),
                Route.of(POST, "/api/projects/{project}/rollbacks", Scope.OPERATE, this::rollback));
    }

    /** The report in {@code ?format=md} (the default), {@code json} or {@code html}. */
    private void report(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String runId = ctx.pathParam("run");
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("md");
        if (!List.of("md", "json", "html").contains(format))
            throw ApiException.badRequest("format: expected md, json or html, got \"" + format + "\"");
        RunBinding run = ApiHandlers.findRun(home, runId)
                .orElseThrow(() -> ApiException.notFound("project " + home.name() + " has no run " + runId));
        RunReports.Rendered report = runs.report(home, run);
        switch (format) {
            case "json" -> ctx.contentType("application/json; charset=utf-8").result(report.json());
            case "html" -> ctx.contentType("text/html; charset=utf-8").result(report.html());
            default -> ctx.contentType("text/markdown; charset=utf-8").result(report.markdown());
        }
    }

    private void rollback(Context ctx) throws Exception {
        ApiHandlers.audited(audit);
        RollbackRequest request =
                ApiHandlers.body(ctx, RollbackRequest.class, "{\"environment\": ..., \"reason\": ..., \"to\": ...}");
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String person = Access.caller(ctx).person();
        Optional<String> to;
        try {
            to = Optional.ofNullable(request.to()).map(v -> Version.parse(v.startsWith("v") ? v.substring(1) : v)
                    .toString());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("to: " + e.getMessage());
        }
        ServerRuns.Rollback started = runs.rollback(
                home, ApiHandlers.required(request.environment(), "environment"), to, person, request.reason());
        RunBinding live = started.plan().live();
        RunBinding back = started.plan().back();
        audit.append(
                time.now(),
                person,
                AuditAction.ROLLBACK_STARTED,
                home.name(),
                "run " + started.runId() + " takes " + live.environment() + " from " + live.version() + " (commit "
                        + live.commit() + ") back to " + back.version() + " (commit " + back.commit() + "): "
                        + request.reason());
        ctx.status(202)
                .json(new RollbackStarted(
                        started.runId(),
                        live.environment(),
                        live.version(),
                        live.commit(),
                        back.version(),
                        back.commit()));
    }
}
