package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.coordinate.RunView;
import dev.gantry.plan.Plan;
import dev.gantry.report.LiveCharts;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.RunEventView;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.web.RunPage;
import dev.gantry.server.web.Viewer;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The dashboard's pages of one run: the run as it goes, followed live, and its report once it has ended. */
final class RunPages {

    /** A release report is one page with its style inline and no script: it may style itself, nothing more. */
    private static final String REPORT_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";

    /** How many times, and how often, a run's stream looks for its report once the run has ended. */
    private static final int REPORT_LOOKS = 150;

    private static final java.time.Duration REPORT_LOOK = java.time.Duration.ofMillis(200);

    private final Projects projects;
    private final Time time;
    private final Clock clock;
    private final Path data;
    private final ObjectMapper json = new ObjectMapper();
    private final RunFeeds feeds;
    private final java.util.concurrent.ScheduledExecutorService later =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "gantry-run-pages");
                thread.setDaemon(true);
                return thread;
            });

    RunPages(Projects projects, RunFeeds feeds, Time time, Path data) {
        this.projects = projects;
        this.feeds = feeds;
        this.time = time;
        this.clock = time.clock();
        this.data = data;
    }

    List<Route> routes() {
        return List.of(
                Route.of(GET, "/projects/{project}/runs/{run}", Scope.READ, this::run),
                Route.of(GET, "/projects/{project}/runs/{run}/live", Scope.READ, this::live),
                Route.of(GET, "/projects/{project}/runs/{run}/report", Scope.READ, this::report));
    }

    private void run(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        RunBinding run = run(home, ctx.pathParam("run"));
        Pages.html(ctx, RunPage.render(liveRun(home, run, events(home, run)), Pages.viewer(ctx)));
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

    /** The run's HTML report: named by its run id, or as an older server named it, with the environment twice. */
    private Path reportFile(ProjectHome home, RunBinding run) {
        Path folder = ServerRuns.reports(data, home.name(), run.version());
        Path older = folder.resolve(ServerRuns.olderReportName(run.environment(), run.runId()) + ".html");
        Path named = folder.resolve(ServerRuns.reportName(run.runId()) + ".html");
        return Files.isRegularFile(named) || !Files.isRegularFile(older) ? named : older;
    }

    /**
     * The live part of a run's page as server-sent events: a {@code view} event with the part rendered anew each time
     * the run stores an event, and {@code end} once it has ended. The page's own credentials authorise it, so that a
     * browser's {@code EventSource}, which cannot add headers, is let through as the page was.
     */
    private void live(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        RunBinding run = run(home, ctx.pathParam("run"));
        Viewer viewer = Pages.viewer(ctx);
        dev.gantry.server.auth.Caller caller = Access.caller(ctx);
        new SseHandler(client -> {
                    // The stream holds no thread: the run's feed renders the part anew as each event is stored.
                    client.keepAlive();
                    RunFeeds.Follower follower = new RunFeeds.Follower() {
                        @Override
                        public boolean take(List<RunEventView> views) {
                            return view(client, home, run, viewer);
                        }

                        @Override
                        public void ended() {
                            awaitReport(client, home, run, viewer, 0);
                        }

                        @Override
                        public boolean idle() {
                            client.sendComment("still following");
                            return !client.terminated();
                        }

                        @Override
                        public void cut(dev.gantry.server.auth.Lapse lapse) {
                            ApiHandlers.end(client, lapse);
                        }
                    };
                    client.onClose(() -> feeds.leave(home.name(), run.runId(), follower));
                    // From the start: the first event the feed hands on shows the part as it stands.
                    feeds.follow(
                            home.name(),
                            run.runId(),
                            ApiHandlers.source(home, run.runId(), java.util.Optional.of(run), time),
                            0,
                            caller,
                            follower);
                })
                .handle(ctx);
    }

    /** Sends the live part as it stands; false when the client is gone. */
    private boolean view(io.javalin.http.sse.SseClient client, ProjectHome home, RunBinding run, Viewer viewer) {
        if (client.terminated()) return false;
        try {
            List<RunLog.Logged> events = events(home, run);
            String part = RunPage.live(liveRun(home, run, events), viewer);
            long last = events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
            client.sendEvent("view", json.writeValueAsString(Map.of("html", part)), Long.toString(last));
        } catch (Exception e) {
            client.sendComment("the stream stopped: " + e.getMessage());
            client.close();
        }
        return !client.terminated();
    }

    /**
     * The report is written just after the run's last event: the ended run's stream looks for it a while, so that the
     * page links it, then shows the part a last time and ends.
     */
    private void awaitReport(
            io.javalin.http.sse.SseClient client, ProjectHome home, RunBinding run, Viewer viewer, int looks) {
        if (client.terminated()) return;
        if (!Files.isRegularFile(reportFile(home, run)) && looks < REPORT_LOOKS) {
            later.schedule(
                    () -> awaitReport(client, home, run, viewer, looks + 1),
                    REPORT_LOOK.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        if (view(client, home, run, viewer)) {
            client.sendEvent("end", "{}");
            client.close();
        }
    }

    private void report(Context ctx) throws Exception {
        ProjectHome home = projects.named(ctx.pathParam("project"));
        RunBinding run = run(home, ctx.pathParam("run"));
        Path file = reportFile(home, run);
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("run " + run.runId() + " has no report yet: it is written when the run ends");
        }
        ctx.header("Content-Security-Policy", REPORT_POLICY);
        Pages.html(ctx, Files.readString(file));
    }
}
