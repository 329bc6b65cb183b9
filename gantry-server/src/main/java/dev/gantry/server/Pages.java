package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.changelog.KeepAChangelog;
import dev.gantry.changelog.Links;
import dev.gantry.coordinate.ApprovalService;
import dev.gantry.coordinate.ChecklistService;
import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.coordinate.RunView;
import dev.gantry.coordinate.StatusQuery;
import dev.gantry.documents.PlannedRelease;
import dev.gantry.documents.ReleasePlanDocument;
import dev.gantry.documents.Scheduling;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.report.LiveCharts;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.web.AuditPage;
import dev.gantry.server.web.Layout;
import dev.gantry.server.web.ProjectPage;
import dev.gantry.server.web.ProjectsPage;
import dev.gantry.server.web.ReleasePage;
import dev.gantry.server.web.RunPage;
import dev.gantry.server.web.Viewer;
import dev.gantry.store.Approval;
import dev.gantry.store.Event;
import dev.gantry.store.ReleaseLog;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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

    /** A release report is one page with its style inline and no script: it may style itself, nothing more. */
    private static final String REPORT_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";

    /** How many times (five a second) a run's stream looks for its report once the run has ended. */
    private static final int REPORT_LOOKS = 150;

    private final Projects projects;
    private final AuditLog audit;
    private final Time time;
    private final Clock clock;
    private final Path data;
    private final ObjectMapper json = new ObjectMapper();

    Pages(Projects projects, AuditLog audit, Time time, Path data) {
        this.projects = projects;
        this.audit = audit;
        this.time = time;
        this.clock = time.clock();
        this.data = data;
    }

    List<Route> routes() {
        return List.of(
                Route.open(GET, "/assets/dashboard.css", ctx -> asset(ctx, "dashboard.css", "text/css")),
                Route.open(GET, "/assets/dashboard.js", ctx -> asset(ctx, "dashboard.js", "text/javascript")),
                Route.of(GET, "/", Scope.READ, this::projects),
                Route.of(GET, "/projects/{project}", Scope.READ, this::project),
                Route.of(GET, "/projects/{project}/release", Scope.READ, this::release),
                Route.of(GET, "/projects/{project}/runs/{run}", Scope.READ, this::run),
                Route.of(GET, "/projects/{project}/runs/{run}/live", Scope.READ, this::live),
                Route.of(GET, "/projects/{project}/runs/{run}/report", Scope.READ, this::report),
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

    private static void html(Context ctx, String page) {
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
                new ChecklistService(home.store()).checklist(plan, environment, version),
                new ApprovalService(home.store(), home.repository()).status(plan, candidate),
                gates,
                new KeepAChangelog(plan.changelog(), Links.NONE)
                        .render(candidate.changes())
                        .text(),
                ReleasePlanDocument.render(planned));
        html(ctx, ReleasePage.render(release, viewer(ctx)));
    }

    private void run(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        RunBinding run = run(home, ctx.pathParam("run"));
        html(ctx, RunPage.render(liveRun(home, run, events(home, run)), viewer(ctx)));
    }

    private RunBinding run(ProjectHome home, String runId) throws Exception {
        return ApiHandlers.findRun(home, runId)
                .orElseThrow(() -> ApiException.notFound("project " + home.name() + " has no run " + runId));
    }

    private List<RunLog.Logged> events(ProjectHome home, RunBinding run) throws Exception {
        return new ReleaseService(home.store(), time, Coordinator.thisProcess()).events(run);
    }

    private RunPage.LiveRun liveRun(ProjectHome home, RunBinding run, List<RunLog.Logged> events) throws Exception {
        Plan plan = home.planAt(run.commit());
        List<String> lessons = events.stream()
                .filter(e -> e.event() instanceof RunEvent.LessonNoted)
                .map(e -> (RunEvent.LessonNoted) e.event())
                .map(l -> l.lesson() + " (" + l.person() + ")")
                .toList();
        return new RunPage.LiveRun(
                home.name(),
                RunView.of(events, plan, RunView.typeOf(events), clock.instant()),
                run.commit(),
                LiveCharts.of(events, plan.rollback()),
                events.isEmpty() ? 0 : events.get(events.size() - 1).sequence(),
                Files.isRegularFile(reportFile(home, run)),
                lessons);
    }

    private Path reportFile(ProjectHome home, RunBinding run) {
        return ServerRuns.reports(data, home.name(), run.version())
                .resolve(ServerRuns.reportName(run.environment(), run.runId()) + ".html");
    }

    /**
     * The live part of a run's page as server-sent events: a {@code view} event with the part rendered anew each time
     * the run stores an event, and {@code end} once it has ended. The page's own credentials authorise it, so that a
     * browser's {@code EventSource}, which cannot add headers, is let through as the page was.
     */
    private void live(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        RunBinding run = run(home, ctx.pathParam("run"));
        Viewer viewer = viewer(ctx);
        new SseHandler(client -> {
                    long shown = -1;
                    boolean reportShown = false;
                    int looksForReport = 0;
                    try {
                        while (!client.terminated()) {
                            List<RunLog.Logged> events = events(home, run);
                            long last = events.isEmpty()
                                    ? 0
                                    : events.get(events.size() - 1).sequence();
                            boolean report = Files.isRegularFile(reportFile(home, run));
                            if (last != shown || report != reportShown) {
                                String part = RunPage.live(liveRun(home, run, events), viewer);
                                client.sendEvent(
                                        "view", json.writeValueAsString(Map.of("html", part)), Long.toString(last));
                                shown = last;
                                reportShown = report;
                            }
                            // The report is written just after the run's last event: the stream waits for it a while,
                            // so that the page links it.
                            boolean finished =
                                    RunState.of(RunLog.events(events)).finished();
                            if (finished && (report || ++looksForReport > REPORT_LOOKS)) {
                                client.sendEvent("end", "{}");
                                break;
                            }
                            // Five looks a second: a stored event shows within that.
                            Thread.sleep(200);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        client.sendComment("the stream stopped: " + e.getMessage());
                    }
                    client.close();
                })
                .handle(ctx);
    }

    private void report(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        RunBinding run = run(home, ctx.pathParam("run"));
        Path file = reportFile(home, run);
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("run " + run.runId() + " has no report yet: it is written when the run ends");
        }
        ctx.header("Content-Security-Policy", REPORT_POLICY);
        html(ctx, Files.readString(file));
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
