package dev.gantry.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.ApprovalService;
import dev.gantry.coordinate.ChecklistService;
import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.coordinate.StatusQuery;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.policy.PolicyDocument;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.ApiError;
import dev.gantry.server.api.ApiJson;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.Health;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.PolicyView;
import dev.gantry.server.api.ProjectInfo;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunEventView;
import dev.gantry.server.api.RunRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.SessionInfo;
import dev.gantry.server.api.TickRequest;
import dev.gantry.server.api.TokenInfo;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.ApiToken;
import dev.gantry.server.auth.Caller;
import dev.gantry.server.auth.IssuedToken;
import dev.gantry.server.auth.Lapse;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Session;
import dev.gantry.server.auth.TokenUse;
import dev.gantry.server.auth.Tokens;
import dev.gantry.store.Approval;
import dev.gantry.store.Tick;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The API's endpoints: each parses its request, calls a core use-case or the tokens, and answers JSON. */
final class ApiHandlers {

    private final Projects projects;
    private final Tokens tokens;
    private final AuditLog audit;
    private final ServerRuns runs;
    private final Policies policies;
    private final RunFeeds feeds;
    private final Time time;
    private final Clock clock;
    private final String version;
    private static final ObjectMapper JSON = ApiJson.mapper();

    /** The longest a request for a run's next events waits for one, in seconds. */
    static final int MOST_WAIT = 60;

    ApiHandlers(
            Projects projects,
            Tokens tokens,
            AuditLog audit,
            ServerRuns runs,
            Policies policies,
            RunFeeds feeds,
            Time time,
            String version) {
        this.projects = projects;
        this.tokens = tokens;
        this.audit = audit;
        this.runs = runs;
        this.policies = policies;
        this.feeds = feeds;
        this.time = time;
        this.clock = time.clock();
        this.version = version;
    }

    /** Every endpoint; the OpenAPI document describes exactly these, which a test keeps so. */
    List<Route> routes() {
        List<Route> routes = new ArrayList<>(List.of(
                Route.open(GET, "/api/health", ctx -> ctx.json(new Health("ok", version))),
                Route.of(GET, "/api/openapi.json", Scope.READ, this::openApi),
                Route.of(GET, "/api/whoami", Scope.READ, this::whoami),
                Route.of(GET, "/api/projects", Scope.READ, this::projects),
                Route.of(GET, "/api/projects/{project}/status", Scope.READ, this::status),
                Route.of(GET, "/api/projects/{project}/history", Scope.READ, this::history),
                Route.of(GET, "/api/projects/{project}/approvals", Scope.READ, this::approvals),
                Route.of(POST, "/api/projects/{project}/approvals", Scope.APPROVE, this::approve),
                Route.of(POST, "/api/projects/{project}/checklist/ticks", Scope.APPROVE, this::tick),
                Route.of(POST, "/api/projects/{project}/releases", Scope.OPERATE, this::release),
                Route.of(GET, "/api/projects/{project}/policy", Scope.READ, this::policy),
                Route.of(PUT, "/api/projects/{project}/policy", Scope.ADMIN, this::setPolicy),
                Route.of(GET, "/api/projects/{project}/runs/{run}/events", Scope.READ, this::events),
                Route.of(GET, "/api/projects/{project}/runs/{run}/stream", Scope.READ, this::stream),
                Route.of(POST, "/api/projects/{project}/runs/{run}/decide", Scope.OPERATE, this::decide),
                Route.of(POST, "/api/projects/{project}/runs/{run}/abort", Scope.OPERATE, this::abort),
                Route.of(GET, "/api/tokens", Scope.ADMIN, this::tokens),
                Route.of(POST, "/api/tokens", Scope.ADMIN, this::issue),
                Route.of(DELETE, "/api/tokens/{id}", Scope.ADMIN, this::revoke),
                Route.of(GET, "/api/audit", Scope.ADMIN, this::auditEntries),
                Route.of(GET, "/api/audit/verify", Scope.ADMIN, ctx -> ctx.json(audit.verify()))));
        routes.addAll(new EvidenceHandlers(projects, audit, runs, time).routes());
        routes.addAll(new RunHandlers(projects, audit, runs, time).routes());
        return List.copyOf(routes);
    }

    /** The caller's token, or the session of a person logged in to the pages. */
    private void whoami(Context ctx) {
        if (Access.caller(ctx) instanceof ApiToken token) ctx.json(info(token));
        else if (Access.caller(ctx) instanceof Session session)
            ctx.json(new SessionInfo(
                    session.person(),
                    session.scopes().stream().map(Scope::label).sorted().toList(),
                    session.created(),
                    session.expires(),
                    Access.csrfToken(ctx).orElseThrow()));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream document = ApiHandlers.class.getResourceAsStream("openapi.json")) {
            ctx.contentType("application/json").result(document.readAllBytes());
        }
    }

    private void projects(Context ctx) throws Exception {
        List<ProjectInfo> infos = new ArrayList<>();
        for (ProjectHome home : projects.all()) {
            List<String> environments;
            try {
                environments = plan(home).environments().stream()
                        .map(Environment::name)
                        .toList();
            } catch (ApiException e) {
                environments = List.of(); // one project's broken plan does not hide the others
            }
            infos.add(new ProjectInfo(home.name(), environments));
        }
        ctx.json(infos);
    }

    private void status(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        Plan plan = plan(home);
        ctx.json(new StatusQuery(home.store()).of(plan, environments(ctx, plan), clock.instant()));
    }

    private void history(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        Plan plan = plan(home);
        int limit = (int) number(ctx, "limit", 20, 1, Integer.MAX_VALUE, "limit needs a positive number");
        ctx.json(new HistoryQuery(home.store()).newestFirst(environments(ctx, plan), limit));
    }

    private void approvals(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        String commit = home.fetchAndResolve(required(ctx.queryParam("ref"), "ref"));
        Plan plan = home.planAt(commit);
        Candidate candidate = candidate(home, plan, commit, Optional.ofNullable(ctx.queryParam("component")));
        ctx.json(
                new ApprovalService(home.store(), home.repository()).status(plan, policies.of(home.name()), candidate));
    }

    private void approve(Context ctx) throws Exception {
        audited();
        ApprovalRequest request = body(ctx, ApprovalRequest.class, "{\"ref\": ..., \"role\": ..., \"comment\": ...}");
        ProjectHome home = project(ctx);
        String commit = home.fetchAndResolve(required(request.ref(), "ref"));
        Plan plan = home.planAt(commit);
        Candidate candidate = candidate(home, plan, commit, Optional.ofNullable(request.component()));
        String person = Access.caller(ctx).person();
        // One approval at a time per project: two people racing for one role cannot both fill it.
        Approval approval;
        synchronized (home) {
            try {
                approval = new ApprovalService(home.store(), home.repository())
                        .approve(
                                plan,
                                policies.of(home.name()),
                                candidate,
                                required(request.role(), "role"),
                                person,
                                request.comment(),
                                clock.instant());
            } catch (Refused e) {
                throw new ApiException(422, e.getMessage());
            }
        }
        audit.append(
                approval.at(),
                person,
                AuditAction.APPROVED,
                home.name(),
                approval.version() + " (commit " + approval.commit() + ") as " + approval.role());
        ctx.status(201).json(approval);
    }

    private void policy(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        Policies.Stored stored = policies.find(home.name())
                .orElseThrow(() -> ApiException.notFound("project " + home.name()
                        + " has no policy; an admin sets one with PUT /api/projects/" + home.name() + "/policy"));
        ctx.json(view(stored, unknownToThePlan(stored.document().policy(), plan(home))));
    }

    /** Sets the project's policy from the request's body, a YAML or JSON document; a malformed one changes nothing. */
    private void setPolicy(Context ctx) throws Exception {
        audited();
        ProjectHome home = project(ctx);
        String text = ctx.body();
        if (text.isBlank()) throw ApiException.badRequest("the request's body is the policy, as YAML or JSON");
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(text);
        } catch (PlanException e) {
            throw ApiException.badRequest("the policy is not valid:\n" + e.getMessage());
        }
        String person = Access.caller(ctx).person();
        java.time.Instant at = clock.instant();
        policies.set(home.name(), document, person, at);
        audit.append(
                at,
                person,
                AuditAction.POLICY_SET,
                home.name(),
                "policy \"" + document.policy().name() + "\" (sha256 " + document.hash() + ")");
        // Set all the same (a plan may grow into it), with what a mistyped name would leave unprotected said.
        ctx.json(view(
                new Policies.Stored(home.name(), document, person, at),
                unknownToThePlan(document.policy(), plan(home))));
    }

    /** The environments and approver roles a policy's rules name that the plan has no such thing as. */
    private static List<String> unknownToThePlan(dev.gantry.policy.Policy policy, Plan plan) {
        List<String> environments =
                plan.environments().stream().map(Environment::name).toList();
        Set<String> roles = new java.util.TreeSet<>();
        plan.people().forEach(p -> roles.addAll(p.roles()));
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            dev.gantry.policy.PolicyRule rule = policy.rules().get(i);
            for (String env : rule.environments()) {
                if (!environments.contains(env))
                    unknown.add("rules[" + i + "].environments: unknown environment \"" + env + "\"; the plan has: "
                            + String.join(", ", environments));
            }
            for (String role : rule.approvers()) {
                if (!roles.contains(role))
                    unknown.add("rules[" + i + "].approvers: nobody in the plan's people holds \"" + role
                            + "\"; the roles they hold: " + (roles.isEmpty() ? "none" : String.join(", ", roles)));
            }
        }
        return unknown;
    }

    private static PolicyView view(Policies.Stored stored, List<String> warnings) {
        return new PolicyView(
                stored.project(),
                stored.document().policy().name(),
                stored.document().hash(),
                stored.setBy(),
                stored.setAt(),
                stored.document().text(),
                warnings);
    }

    private void tick(Context ctx) throws Exception {
        audited();
        TickRequest request =
                body(ctx, TickRequest.class, "{\"ref\": ..., \"item\": ..., \"environment\": ..., \"note\": ...}");
        ProjectHome home = project(ctx);
        String commit = home.fetchAndResolve(required(request.ref(), "ref"));
        Plan plan = home.planAt(commit);
        String item = required(request.item(), "item");
        String environment = request.environment() == null
                ? ChecklistService.defaultEnvironment(plan)
                : known(plan, request.environment());
        Candidate candidate = candidate(home, plan, commit, Optional.ofNullable(request.component()));
        String person = Access.caller(ctx).person();
        Tick tick;
        try {
            tick = new ChecklistService(home.store())
                    .tick(
                            plan,
                            environment,
                            candidate.version().toString(),
                            candidate.commit(),
                            item,
                            person,
                            request.note(),
                            clock.instant());
        } catch (Refused e) {
            throw new ApiException(422, e.getMessage());
        }
        audit.append(
                tick.at(),
                person,
                AuditAction.TICKED,
                home.name(),
                tick.item() + " of the " + environment + " checklist of " + tick.version() + " (commit "
                        + candidate.commit() + ")");
        ctx.status(201).json(tick);
    }

    /** An environment the plan has; any other is refused as the command line refuses it. */
    private static String known(Plan plan, String environment) {
        if (plan.environments().stream().noneMatch(e -> e.name().equals(environment)))
            throw ApiException.unknownEnvironment(plan, environment);
        return environment;
    }

    private Candidate candidate(ProjectHome home, Plan plan, String commit, Optional<String> component) {
        try {
            return home.candidate(
                            plan,
                            commit,
                            component,
                            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                            Optional.empty())
                    .orElseThrow(() -> ApiException.nothingToRelease(commit));
        } catch (Refused e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void audited() throws Exception {
        audited(audit);
    }

    /** Refuses a change {@code audit} could not record, before anything is changed. */
    static void audited(AuditLog audit) throws Exception {
        try {
            audit.requireIntact();
        } catch (IOException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) throw ApiException.badRequest("the request needs " + name);
        return value;
    }

    static <T> T body(Context ctx, Class<T> type, String shape) {
        return RequestBodies.read(ctx, type, shape);
    }

    private void release(Context ctx) throws Exception {
        audited();
        ReleaseRequest request = body(ctx, ReleaseRequest.class, "{\"ref\": ..., \"environment\": ...}");
        ProjectHome home = project(ctx);
        String person = Access.caller(ctx).person();
        Optional<Strategy> strategy = Optional.ofNullable(request.strategy()).map(ApiHandlers::strategy);
        String commit = home.fetchAndResolve(required(request.ref(), "ref"));
        RunBinding run = runs.start(
                home,
                commit,
                required(request.environment(), "environment"),
                strategy,
                request.overrides() == null ? List.of() : request.overrides(),
                request.reason(),
                person);
        audit.append(
                clock.instant(),
                person,
                AuditAction.RELEASE_STARTED,
                home.name(),
                "run " + run.runId() + " of " + run.version() + " (commit " + run.commit() + ") into "
                        + run.environment());
        ctx.status(202).json(new RunStarted(run.runId(), run.environment(), run.version(), run.commit()));
    }

    private void events(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        String runId = ctx.pathParam("run");
        long after = number(ctx, "after", 0, 0, Long.MAX_VALUE, "after needs an event's sequence number");
        int wait = (int) number(ctx, "wait", 0, 0, MOST_WAIT, "wait is 0 to " + MOST_WAIT + " seconds");
        // A follower waits here for the next event instead of asking again and again; real time, whatever the
        // run's clock. A run just started holds its lease before its first event is stored.
        Look look = look(home, runId, Optional.empty(), after);
        if (look.run().isEmpty() && !starting(home, runId))
            throw ApiException.notFound("project " + home.name() + " has no run " + runId);
        if (!look.views().isEmpty() || look.ended() || wait == 0) {
            ctx.json(look.views());
            return;
        }
        // The request waits without a thread of its own, on the run's feed.
        java.util.concurrent.CompletableFuture<List<RunEventView>> next =
                new java.util.concurrent.CompletableFuture<>();
        RunFeeds.Follower follower = new RunFeeds.Follower() {
            @Override
            public boolean take(List<RunEventView> views) {
                next.complete(views);
                return false;
            }

            @Override
            public void ended() {
                next.complete(List.of());
            }

            @Override
            public void cut(Lapse lapse) {
                next.completeExceptionally(new ApiException(401, lapse.reason()));
            }
        };
        next.completeOnTimeout(List.of(), wait, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((views, failure) -> feeds.leave(home.name(), runId, follower));
        feeds.follow(home.name(), runId, source(home, runId, look.run(), time), after, Access.caller(ctx), follower);
        ctx.future(() -> next.thenAccept(ctx::json));
    }

    /** Where a feed reads the run's events: the run found once, then what was stored after each look. */
    static RunFeeds.Source source(ProjectHome home, String runId, Optional<RunBinding> known, Time time) {
        return new RunFeeds.Source() {
            @Override
            public Optional<RunBinding> find() throws Exception {
                return known.isPresent() ? known : findRun(home, runId);
            }

            @Override
            public List<RunLog.Logged> after(RunBinding run, long sequence) throws Exception {
                return new ReleaseService(home.store(), time, Coordinator.thisProcess()).eventsAfter(run, sequence);
            }
        };
    }

    /** One look at a run's events after a sequence number: the run once found, its new events, whether it ended. */
    private record Look(Optional<RunBinding> run, List<RunEventView> views, boolean ended) {}

    /** Looks at the run; {@code known} is the run found by an earlier look, so that the plan is read once. */
    private Look look(ProjectHome home, String runId, Optional<RunBinding> known, long after) throws Exception {
        Optional<RunBinding> run = known.isPresent() ? known : findRun(home, runId);
        if (run.isEmpty()) return new Look(run, List.of(), false);
        List<RunLog.Logged> events =
                new ReleaseService(home.store(), time, Coordinator.thisProcess()).events(run.get());
        return new Look(
                run, views(events, after), RunState.of(RunLog.events(events)).finished());
    }

    /**
     * The run's events as server-sent events, each as it is stored: its kind as the event's name, its sequence
     * number as its id (a client that reconnects with {@code Last-Event-ID} goes on after it), the event as JSON.
     * The stream ends after the run's last event.
     */
    private void stream(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        String runId = ctx.pathParam("run");
        Optional<RunBinding> known = feeds.known(home.name(), runId);
        Optional<RunBinding> found = known.isPresent() ? known : findRun(home, runId);
        if (found.isEmpty() && !starting(home, runId))
            throw ApiException.notFound("project " + home.name() + " has no run " + runId);
        if (!"text/event-stream".equals(ctx.header("Accept"))) {
            throw new ApiException(406, "a run's stream is server-sent events: ask with Accept: text/event-stream");
        }
        String last = ctx.header("Last-Event-ID");
        long from;
        try {
            from = last == null || last.isBlank() ? 0 : Long.parseLong(last.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID is an event's sequence number, got \"" + last + "\"");
        }
        Caller caller = Access.caller(ctx);
        new SseHandler(client -> {
                    // The stream holds no thread: the run's feed writes to it as events are stored.
                    client.keepAlive();
                    RunFeeds.Follower follower = new RunFeeds.Follower() {
                        @Override
                        public boolean take(List<RunEventView> views) {
                            return send(client, views);
                        }

                        @Override
                        public void ended() {
                            client.close();
                        }

                        @Override
                        public boolean idle() {
                            client.sendComment("still following");
                            return !client.terminated();
                        }

                        @Override
                        public void cut(Lapse lapse) {
                            end(client, lapse);
                        }
                    };
                    client.onClose(() -> feeds.leave(home.name(), runId, follower));
                    feeds.follow(home.name(), runId, source(home, runId, found, time), from, caller, follower);
                })
                .handle(ctx);
    }

    /** Ends a stream whose credential lapsed: a last {@code end} event says why, then the stream is closed. */
    static void end(io.javalin.http.sse.SseClient client, Lapse lapse) {
        if (!client.terminated())
            client.sendEvent(
                    "end", JSON.createObjectNode().put("reason", lapse.reason()).toString());
        client.close();
    }

    /**
     * Writes the events to the stream in one write and one flush, as server-sent events: the kind as the event's
     * name, the sequence number as its id, the view as one line of JSON. False when the client is gone.
     */
    private static boolean send(io.javalin.http.sse.SseClient client, List<RunEventView> views) {
        if (client.terminated()) return false;
        StringBuilder text = new StringBuilder();
        for (RunEventView view : views) {
            text.append("id: ").append(view.sequence()).append('\n');
            text.append("event: ").append(view.kind()).append('\n');
            text.append("data: ").append(text(view)).append("\n\n");
        }
        try {
            client.ctx()
                    .res()
                    .getOutputStream()
                    .write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            client.ctx().res().flushBuffer();
            return true;
        } catch (IOException gone) {
            client.close();
            return false;
        }
    }

    private static String text(RunEventView view) {
        try {
            return JSON.writeValueAsString(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event's view is always JSON", e);
        }
    }

    /** A whole number from the query, {@code fallback} when absent; out of range or no number is refused. */
    private static long number(Context ctx, String name, long fallback, long least, long most, String expected) {
        String asked = ctx.queryParam(name);
        if (asked == null) return fallback;
        try {
            long value = Long.parseLong(asked);
            if (value >= least && value <= most) return value;
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiException.badRequest(expected + ", got \"" + asked + "\"");
    }

    /** Whether a run of that id holds an environment's lease: started, with no event stored yet. */
    private boolean starting(ProjectHome home, String runId) throws Exception {
        for (Environment env : plan(home).environments()) {
            if (home.store()
                    .lease(env.name())
                    .filter(l -> l.runId().equals(runId))
                    .isPresent()) return true;
        }
        return false;
    }

    static List<RunEventView> views(List<RunLog.Logged> events, long after) {
        List<RunEventView> views = new ArrayList<>();
        for (RunLog.Logged logged : events) {
            if (logged.sequence() <= after) continue;
            views.add(new RunEventView(
                    logged.sequence(),
                    logged.at(),
                    RunEvent.kindOf(logged.event().getClass()),
                    JSON.valueToTree(logged.event()),
                    logged.hash()));
        }
        return views;
    }

    private void decide(Context ctx) throws Exception {
        ask(ctx, true);
    }

    private void abort(Context ctx) throws Exception {
        ask(ctx, false);
    }

    /** Records a person's decision or abort for the run, which the coordinator running it answers. */
    private void ask(Context ctx, boolean decision) throws Exception {
        audited();
        RunRequest request = body(ctx, RunRequest.class, "{\"proceed\": true|false, \"reason\": ...}");
        ProjectHome home = project(ctx);
        RunBinding run = run(home, ctx.pathParam("run"));
        String person = Access.caller(ctx).person();
        Plan plan = home.planAt(run.commit());
        RunEvent.Requested.Ask ask;
        try {
            if (decision) {
                ReleaseService.mayDecide(plan, person);
                ReleaseService.reason(request.reason());
                ask = request.proceed() ? RunEvent.Requested.Ask.CONTINUE : RunEvent.Requested.Ask.ROLL_BACK;
            } else {
                ReleaseService.mayStop(plan, person, request.reason());
                ask = RunEvent.Requested.Ask.ABORT;
            }
        } catch (Refused e) {
            throw new ApiException(422, e.getMessage());
        }
        ReleaseService service = new ReleaseService(home.store(), time, Coordinator.thisProcess());
        if (service.state(run).end().isPresent())
            throw new ApiException(409, "run " + run.runId() + " has ended; there is nothing to decide or stop");
        service.ask(run, new RunEvent.Requested(ask, person, request.reason()));
        audit.append(
                clock.instant(),
                person,
                decision ? AuditAction.DECIDED : AuditAction.ABORT_ASKED,
                home.name(),
                "run " + run.runId() + ": "
                        + ask.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (" + request.reason()
                        + ")");
        ctx.status(202).json(new RunStarted(run.runId(), run.environment(), run.version(), run.commit()));
    }

    /** The run {@code runId} of the project, in any environment of its plan. */
    private RunBinding run(ProjectHome home, String runId) throws Exception {
        return findRun(home, runId)
                .orElseThrow(() -> ApiException.notFound("project " + home.name() + " has no run " + runId));
    }

    /** The run {@code runId} of the project, in any environment of its plan, once it has events. */
    static Optional<RunBinding> findRun(ProjectHome home, String runId) throws Exception {
        RunLog log = new RunLog(home.store());
        for (Environment env : plan(home).environments()) {
            for (RunLog.Summary summary : log.history(env.name())) {
                if (summary.runId().equals(runId))
                    return Optional.of(new RunBinding(runId, env.name(), summary.version(), summary.commit()));
            }
        }
        return Optional.empty();
    }

    private static Strategy strategy(String text) {
        try {
            return Strategy.valueOf(text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "strategy: expected all-at-once, rolling, blue-green or canary, got \"" + text + "\"");
        }
    }

    /**
     * A page of the audit log, oldest first: {@code ?after=} the last entry seen and {@code ?limit=}; a page that may
     * not be the last links the next one, as {@code Link: <...>; rel="next"}.
     */
    private void auditEntries(Context ctx) throws Exception {
        long after = whole(ctx, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) whole(ctx, "limit", 1, AuditEntry.PAGE_MOST, AuditEntry.PAGE);
        List<AuditEntry> page;
        try {
            page = audit.entries(after, limit);
        } catch (IOException e) {
            throw new ApiException(409, e.getMessage());
        }
        if (page.size() == limit) {
            ctx.header(
                    "Link",
                    "</api/audit?after=" + page.get(page.size() - 1).sequence() + "&limit=" + limit
                            + ">; rel=\"next\"");
        }
        ctx.json(page);
    }

    /** A whole-number query parameter from {@code least} to {@code most}, or {@code otherwise} when absent. */
    private static long whole(Context ctx, String name, long least, long most, long otherwise) {
        List<String> given = ctx.queryParams(name);
        if (given.isEmpty()) return otherwise;
        if (given.size() > 1)
            throw ApiException.badRequest(name + " is given " + given.size() + " times: give it once");
        String text = given.get(0);
        long value;
        try {
            // ASCII digits only: Java would also read a sign and the digits of other scripts.
            if (!text.matches("[0-9]{1,19}")) throw new NumberFormatException(name);
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    name + " must be a whole number from " + least + " to " + most + ", got something else");
        }
        if (value < least || value > most) {
            throw ApiException.badRequest(
                    name + " must be a whole number from " + least + " to " + most + ", got " + value);
        }
        return value;
    }

    private void tokens(Context ctx) throws Exception {
        ctx.json(tokens.all().stream().map(ApiHandlers::info).toList());
    }

    private void issue(Context ctx) throws Exception {
        audited();
        TokenRequest request = body(ctx, TokenRequest.class, "{\"person\": ..., \"scopes\": [...], \"days\": N}");
        if (request == null || request.scopes() == null)
            throw ApiException.badRequest("a token needs a person and at least one scope");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : request.scopes()) {
            scopes.add(Scope.of(String.valueOf(label))
                    .orElseThrow(() -> ApiException.badRequest("unknown scope \"" + label
                            + "\"; a token may have: read, approve, operate, evidence, admin")));
        }
        if (request.days() < 1 || request.days() > Tokens.LONGEST.toDays())
            throw ApiException.badRequest(
                    "a token lives 1 to " + Tokens.LONGEST.toDays() + " days, not " + request.days());
        IssuedToken issued;
        try {
            issued = tokens.issue(request.person(), scopes, Duration.ofDays(request.days()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        audit.append(
                clock.instant(), Access.caller(ctx).person(), AuditAction.TOKEN_ISSUED, "", subject(issued.token()));
        ctx.status(201).json(new NewToken(info(issued.token()), issued.text()));
    }

    private void revoke(Context ctx) throws Exception {
        audited();
        String id = ctx.pathParam("id");
        java.time.Instant now = clock.instant();
        List<ApiToken> admins = tokens.all().stream()
                .filter(t -> t.validAt(now) && t.allows(Scope.ADMIN))
                .toList();
        if (admins.size() == 1 && admins.get(0).id().equals(id)) {
            throw new ApiException(
                    409,
                    "token " + id + " is the last admin token in force: issue another first,"
                            + " or nobody could manage tokens any more");
        }
        if (!tokens.revoke(id)) throw ApiException.notFound("no token in force has the id " + id);
        feeds.recheck();
        audit.append(clock.instant(), Access.caller(ctx).person(), AuditAction.TOKEN_REVOKED, "", "token " + id);
        ctx.status(204);
    }

    private ProjectHome project(Context ctx) {
        return project(projects, ctx);
    }

    /** The project the path names; an unknown one is refused with those the server has. */
    static ProjectHome project(Projects projects, Context ctx) {
        return projects.named(ctx.pathParam("project"));
    }

    static Plan plan(ProjectHome home) {
        try {
            return home.plan();
        } catch (PlanException | IOException e) {
            throw new ApiException(409, "the plan of project " + home.name() + " cannot be read: " + e.getMessage());
        }
    }

    /** The environment asked for, or every one of the plan; an unknown one is refused as the command line does. */
    private static List<String> environments(Context ctx, Plan plan) {
        List<String> known = plan.environments().stream().map(Environment::name).toList();
        String asked = ctx.queryParam("environment");
        if (asked == null) return known;
        if (!known.contains(asked)) {
            throw ApiException.unknownEnvironment(plan, asked);
        }
        return List.of(asked);
    }

    /** How a token is named in the audit log: never its secret. */
    static String subject(ApiToken token) {
        return "token " + token.id() + " for " + token.person() + " ("
                + String.join(
                        ", ", token.scopes().stream().map(Scope::label).sorted().toList()) + ") until "
                + token.expires();
    }

    static TokenInfo info(ApiToken token) {
        return new TokenInfo(
                token.id(),
                token.person(),
                token.scopes().stream().map(Scope::label).sorted().toList(),
                token.created(),
                token.expires(),
                token.revoked(),
                token.lastUse().map(TokenUse::at),
                token.lastUse().map(TokenUse::address));
    }

    static ApiError error(String message) {
        return new ApiError(message);
    }
}
