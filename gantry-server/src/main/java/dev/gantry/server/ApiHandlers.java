package dev.gantry.server;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.gantry.binding.PlanException;
import dev.gantry.coordinate.ApprovalService;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.StatusQuery;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.server.api.ApiError;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.Health;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.Problem;
import dev.gantry.server.api.ProjectInfo;
import dev.gantry.server.api.TokenInfo;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.ApiToken;
import dev.gantry.server.auth.IssuedToken;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.auth.Tokens;
import dev.gantry.store.Approval;
import io.javalin.http.Context;
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
    private final Clock clock;
    private final String version;

    ApiHandlers(Projects projects, Tokens tokens, AuditLog audit, Clock clock, String version) {
        this.projects = projects;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.version = version;
    }

    /** Every endpoint; the OpenAPI document describes exactly these, which a test keeps so. */
    List<Route> routes() {
        return List.of(
                Route.open(GET, "/api/health", ctx -> ctx.json(new Health("ok", version))),
                Route.of(GET, "/api/openapi.json", Scope.READ, this::openApi),
                Route.of(GET, "/api/whoami", Scope.READ, ctx -> ctx.json(info(Access.caller(ctx)))),
                Route.of(GET, "/api/projects", Scope.READ, this::projects),
                Route.of(GET, "/api/projects/{project}/status", Scope.READ, this::status),
                Route.of(GET, "/api/projects/{project}/history", Scope.READ, this::history),
                Route.of(GET, "/api/projects/{project}/approvals", Scope.READ, this::approvals),
                Route.of(POST, "/api/projects/{project}/approvals", Scope.APPROVE, this::approve),
                Route.of(GET, "/api/tokens", Scope.ADMIN, this::tokens),
                Route.of(POST, "/api/tokens", Scope.ADMIN, this::issue),
                Route.of(DELETE, "/api/tokens/{id}", Scope.ADMIN, this::revoke),
                Route.of(GET, "/api/audit", Scope.ADMIN, this::auditEntries),
                Route.of(GET, "/api/audit/verify", Scope.ADMIN, ctx -> ctx.json(audit.verify())));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream document = ApiHandlers.class.getResourceAsStream("openapi.json")) {
            ctx.contentType("application/json").result(document.readAllBytes());
        }
    }

    private void projects(Context ctx) throws Exception {
        List<ProjectInfo> infos = new ArrayList<>();
        for (ProjectHome home : projects.all()) {
            infos.add(new ProjectInfo(
                    home.name(),
                    plan(home).environments().stream().map(Environment::name).toList()));
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
        int limit = 20;
        String asked = ctx.queryParam("limit");
        if (asked != null) {
            try {
                limit = Integer.parseInt(asked);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1) throw ApiException.badRequest("limit needs a positive number, got \"" + asked + "\"");
        }
        ctx.json(new HistoryQuery(home.store()).newestFirst(environments(ctx, plan), limit));
    }

    private void approvals(Context ctx) throws Exception {
        ProjectHome home = project(ctx);
        String commit = home.fetchAndResolve(required(ctx.queryParam("ref"), "ref"));
        Plan plan = home.planAt(commit);
        Candidate candidate = candidate(home, plan, commit, Optional.ofNullable(ctx.queryParam("component")));
        ctx.json(new ApprovalService(home.store(), home.repository()).status(plan, candidate));
    }

    private void approve(Context ctx) throws Exception {
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

    private Candidate candidate(ProjectHome home, Plan plan, String commit, Optional<String> component) {
        try {
            return home.candidate(plan, commit, component, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .orElseThrow(() -> new ApiException(
                            409,
                            "nothing to release: no release-worthy commits since the last release (commit "
                                    + commit.substring(0, 7) + ")",
                            Optional.of(Problem.NOTHING_TO_RELEASE)));
        } catch (Refused e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) throw ApiException.badRequest("the request needs " + name);
        return value;
    }

    private static <T> T body(Context ctx, Class<T> type, String shape) {
        try {
            T body = ctx.bodyAsClass(type);
            if (body == null) throw ApiException.badRequest("the request's body is " + shape);
            return body;
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) { // Jackson's own exceptions are checked, and pass through Javalin's Kotlin unchecked
            throw ApiException.badRequest("the request's body is " + shape);
        }
    }

    private void auditEntries(Context ctx) throws Exception {
        try {
            ctx.json(audit.entries());
        } catch (IOException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    private void tokens(Context ctx) throws Exception {
        ctx.json(tokens.all().stream().map(ApiHandlers::info).toList());
    }

    private void issue(Context ctx) throws Exception {
        TokenRequest request = body(ctx, TokenRequest.class, "{\"person\": ..., \"scopes\": [...], \"days\": N}");
        if (request == null || request.scopes() == null)
            throw ApiException.badRequest("a token needs a person and at least one scope");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : request.scopes()) {
            scopes.add(Scope.of(String.valueOf(label))
                    .orElseThrow(() -> ApiException.badRequest(
                            "unknown scope \"" + label + "\"; a token may have: read, approve, operate, admin")));
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
        String id = ctx.pathParam("id");
        if (!tokens.revoke(id)) throw ApiException.notFound("no token in force has the id " + id);
        audit.append(clock.instant(), Access.caller(ctx).person(), AuditAction.TOKEN_REVOKED, "", "token " + id);
        ctx.status(204);
    }

    private ProjectHome project(Context ctx) {
        String name = ctx.pathParam("project");
        return projects.get(name)
                .orElseThrow(() -> ApiException.notFound("unknown project \"" + name + "\"; the server has: "
                        + String.join(
                                ", ",
                                projects.all().stream().map(ProjectHome::name).toList())));
    }

    private static Plan plan(ProjectHome home) throws IOException {
        try {
            return home.plan();
        } catch (PlanException e) {
            throw new ApiException(409, "the plan of project " + home.name() + " cannot be read: " + e.getMessage());
        }
    }

    /** The environment asked for, or every one of the plan; an unknown one is refused as the command line does. */
    private static List<String> environments(Context ctx, Plan plan) {
        List<String> known = plan.environments().stream().map(Environment::name).toList();
        String asked = ctx.queryParam("environment");
        if (asked == null) return known;
        if (!known.contains(asked)) {
            throw ApiException.notFound(
                    "unknown environment \"" + asked + "\"; the plan has: " + String.join(", ", known));
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
                token.revoked());
    }

    static ApiError error(String message) {
        return new ApiError(message);
    }
}
