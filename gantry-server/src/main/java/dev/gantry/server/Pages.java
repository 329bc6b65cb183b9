package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;

import dev.gantry.changelog.KeepAChangelog;
import dev.gantry.changelog.Links;
import dev.gantry.coordinate.ApprovalService;
import dev.gantry.coordinate.ChecklistService;
import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.StatusQuery;
import dev.gantry.documents.PlannedRelease;
import dev.gantry.documents.ReleasePlanDocument;
import dev.gantry.documents.Scheduling;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.Time;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.web.AuditPage;
import dev.gantry.server.web.Layout;
import dev.gantry.server.web.ProjectPage;
import dev.gantry.server.web.ProjectsPage;
import dev.gantry.server.web.ReleasePage;
import dev.gantry.server.web.Viewer;
import dev.gantry.store.Approval;
import dev.gantry.store.Event;
import dev.gantry.store.ReleaseLog;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard: pages a person reads in a browser, each rendered on the server from the same core use-cases the API
 * answers with. A page changes nothing itself: its buttons send their requests to the API.
 */
final class Pages {

    /** Where a page finds the request-forgery token of a browser session, when the caller has one. */
    static final String CSRF = "gantry.csrf";

    /** The headers of every page: nothing inline runs, nothing is guessed, nothing frames it. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
                    + " form-action 'self'; base-uri 'none'",
            "X-Content-Type-Options",
            "nosniff",
            "Referrer-Policy",
            "same-origin",
            "X-Frame-Options",
            "DENY");

    private final Projects projects;
    private final AuditLog audit;
    private final Policies policies;
    private final Clock clock;
    private final RunPages runs;

    Pages(Projects projects, AuditLog audit, Policies policies, RunFeeds feeds, Time time, Path data) {
        this.projects = projects;
        this.audit = audit;
        this.policies = policies;
        this.clock = time.clock();
        this.runs = new RunPages(projects, feeds, time, data);
    }

    List<Route> routes() {
        return java.util.stream.Stream.concat(routesOfPages().stream(), runs.routes().stream())
                .toList();
    }

    private List<Route> routesOfPages() {
        return List.of(
                Route.open(GET, "/assets/dashboard.css", ctx -> asset(ctx, "dashboard.css", "text/css")),
                Route.open(GET, "/assets/dashboard.js", ctx -> asset(ctx, "dashboard.js", "text/javascript")),
                Route.of(GET, "/", Scope.READ, this::projects),
                Route.of(GET, "/projects/{project}", Scope.READ, this::project),
                Route.of(GET, "/projects/{project}/release", Scope.READ, this::release),
                Route.of(GET, "/audit", Scope.ADMIN, this::audit));
    }

    /** Who is looking, from the credentials the request was let through with. */
    static Viewer viewer(Context ctx) {
        var caller = Access.caller(ctx);
        if (caller == null) return Viewer.nobody();
        Object csrf = ctx.attribute(CSRF);
        return new Viewer(
                caller.person(),
                caller.scopes().stream().map(Scope::label).sorted().toList(),
                caller.allows(Scope.APPROVE),
                caller.allows(Scope.OPERATE),
                caller.allows(Scope.ADMIN),
                csrf == null ? "" : csrf.toString());
    }

    private static void asset(Context ctx, String name, String type) throws IOException {
        try (InputStream in = Pages.class.getResourceAsStream("web/" + name)) {
            ctx.header("Cache-Control", "no-cache")
                    .contentType(type + "; charset=utf-8")
                    .result(in.readAllBytes());
        }
    }

    static void html(Context ctx, String page) {
        ctx.header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8")
                .result(page);
    }

    private void projects(Context ctx) throws Exception {
        List<ProjectsPage.Project> shown = new ArrayList<>();
        for (ProjectHome home : projects.all()) {
            try {
                Plan plan = ApiHandlers.plan(home);
                shown.add(new ProjectsPage.Project(home.name(), status(home, plan), Optional.empty()));
            } catch (ApiException e) {
                // One project's broken plan does not hide the others.
                shown.add(new ProjectsPage.Project(home.name(), List.of(), Optional.of(e.getMessage())));
            }
        }
        html(ctx, ProjectsPage.render(shown, viewer(ctx)));
    }

    private List<EnvironmentStatus> status(ProjectHome home, Plan plan) throws Exception {
        return new StatusQuery(home.store()).of(plan, names(plan), clock.instant());
    }

    private static List<String> names(Plan plan) {
        return plan.environments().stream().map(Environment::name).toList();
    }

    private void project(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        Plan plan = ApiHandlers.plan(home);
        html(
                ctx,
                ProjectPage.render(
                        home.name(),
                        status(home, plan),
                        new HistoryQuery(home.store()).newestFirst(names(plan), 50),
                        viewer(ctx)));
    }

    private void release(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        String ref = Optional.ofNullable(ctx.queryParam("ref"))
                .filter(r -> !r.isBlank())
                .orElse("HEAD");
        String commit = home.fetchAndResolve(ref);
        Plan plan = home.planAt(commit);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Candidate candidate;
        try {
            candidate = home.candidate(
                            plan, commit, Optional.ofNullable(ctx.queryParam("component")), today, Optional.empty())
                    .orElseThrow(() -> ApiException.nothingToRelease(commit));
        } catch (Refused e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String environment = Optional.ofNullable(ctx.queryParam("environment"))
                .orElseGet(() -> ChecklistService.defaultEnvironment(plan));
        if (!names(plan).contains(environment)) throw ApiException.unknownEnvironment(plan, environment);
        String version = candidate.version().toString();
        ReleaseLog log = new ReleaseLog(home.store());
        List<RecordedGate> gates = new ArrayList<>();
        for (String env : names(plan)) {
            Optional<Event> gate = log.lastGate(version, env);
            if (gate.isPresent()) gates.add(RecordedGate.parse(gate.get().payload()));
        }
        List<Approval> approvals = log.approvals(version).stream()
                .filter(a -> a.commit().equals(commit))
                .toList();
        PlannedRelease planned = PlannedRelease.of(
                candidate.version(),
                candidate.type(),
                Scheduling.place(log.plannedDate(version).orElse(today), plan.windows(), Scheduling.zone(plan)),
                candidate.changes(),
                plan,
                approvals);
        ReleasePage.Release release = new ReleasePage.Release(
                home.name(),
                candidate,
                names(plan),
                environment,
                new ChecklistService(home.store()).checklist(plan, environment, version, candidate.commit()),
                // Judged by the same rules as the API: the plan's with what the project's policy adds.
                new ApprovalService(home.store(), home.repository()).status(plan, policies.of(home.name()), candidate),
                gates,
                new KeepAChangelog(plan.changelog(), Links.NONE)
                        .render(candidate.changes())
                        .text(),
                ReleasePlanDocument.render(planned));
        html(ctx, ReleasePage.render(release, viewer(ctx)));
    }

    private void audit(Context ctx) throws Exception {
        try {
            html(ctx, AuditPage.render(audit.entries(), audit.verify(), viewer(ctx)));
        } catch (IOException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    /** An error as a page, for a person in a browser. */
    static String error(Context ctx, int status, String message) {
        return Layout.error(status, message, viewer(ctx));
    }
}
