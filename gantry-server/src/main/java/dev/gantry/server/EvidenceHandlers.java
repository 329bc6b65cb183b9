package dev.gantry.server;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.gantry.evidence.EvidencePath;
import dev.gantry.evidence.EvidenceService;
import dev.gantry.gate.GateDocument;
import dev.gantry.gate.GateResult;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.GateRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditLog;
import dev.gantry.server.auth.Scope;
import dev.gantry.store.Evidence;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints of evidence and the gate: CI uploads the files it made for a commit, and the gate of that commit
 * reads them where the plan's criteria name them.
 */
final class EvidenceHandlers {

    /**
     * How much of a body past the limit is still read, and thrown away, so that the client, still sending, is
     * answered 413 rather than cut off; past that the connection is closed.
     */
    private static final long DRAINED = 64L << 20;

    private final Projects projects;
    private final AuditLog audit;
    private final ServerRuns runs;
    private final Time time;

    EvidenceHandlers(Projects projects, AuditLog audit, ServerRuns runs, Time time) {
        this.projects = projects;
        this.audit = audit;
        this.runs = runs;
        this.time = time;
    }

    List<Route> routes() {
        return List.of(
                Route.of(POST, "/api/projects/{project}/evidence/{commit}", Scope.EVIDENCE, this::upload),
                Route.of(GET, "/api/projects/{project}/evidence/{commit}", Scope.READ, this::list),
                Route.of(POST, "/api/projects/{project}/gates", Scope.OPERATE, this::gate));
    }

    /**
     * Stores the request's body as the evidence file {@code ?path=} of the commit: one file a request, its bytes as
     * they are ({@code application/octet-stream}), streamed to the store, never held whole.
     */
    private void upload(Context ctx) throws Exception {
        ApiHandlers.audited(audit);
        ProjectHome home = ApiHandlers.project(projects, ctx);
        EvidencePath path;
        try {
            path = EvidencePath.parse(
                    ApiHandlers.required(ctx.queryParam("path"), "?path=, the file's path in the" + " repository"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path: " + e.getMessage());
        }
        if (ctx.req().getContentLengthLong() > EvidenceService.MAX_BYTES + DRAINED) {
            ctx.header("Connection", "close");
            throw tooLarge(path);
        }
        String commit = home.fetchAndResolve(ctx.pathParam("commit"));
        String person = Access.caller(ctx).person();
        Instant at = time.now();
        EvidenceService service = new EvidenceService(home.store());
        Optional<Evidence.Upload> earlier = home.store().evidence().newest(commit, path.value());
        Evidence.Upload upload;
        InputStream body = ctx.req().getInputStream();
        try {
            upload = service.upload(commit, path, body, person, at, runs.scratch(home));
        } catch (EvidenceService.TooLarge e) {
            drain(body, ctx);
            throw tooLarge(path);
        }
        audit.append(
                at,
                person,
                AuditAction.EVIDENCE_UPLOADED,
                home.name(),
                upload.path() + " of commit " + commit + " (" + upload.size() + " bytes, sha256 " + upload.sha256()
                        + ")"
                        + earlier.map(e -> ", replacing the upload by " + e.by() + " at " + e.at() + " (sha256 "
                                        + e.sha256() + ")")
                                .orElse(""));
        ctx.status(201).json(upload);
    }

    private static ApiException tooLarge(EvidencePath path) {
        return new ApiException(
                413,
                path + " is larger than " + (EvidenceService.MAX_BYTES >> 20)
                        + " MiB, the most an evidence file may hold; nothing of it was stored");
    }

    /** Reads what is left of a body too large, up to {@link #DRAINED}; closes the connection past that. */
    private static void drain(InputStream body, Context ctx) {
        byte[] buffer = new byte[64 * 1024];
        long left = DRAINED;
        try {
            for (int n; left > 0 && (n = body.read(buffer)) >= 0; ) left -= n;
        } catch (IOException e) {
            // The client stopped sending; the answer below may still reach it.
        }
        if (left <= 0) ctx.header("Connection", "close");
    }

    private void list(Context ctx) throws Exception {
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String commit = home.fetchAndResolve(ctx.pathParam("commit"));
        ctx.json(new EvidenceService(home.store()).list(commit));
    }

    private void gate(Context ctx) throws Exception {
        ApiHandlers.audited(audit);
        GateRequest request =
                ApiHandlers.body(ctx, GateRequest.class, "{\"ref\": ..., \"environment\": ..., \"overrides\": [...]}");
        ProjectHome home = ApiHandlers.project(projects, ctx);
        String person = Access.caller(ctx).person();
        String commit = home.fetchAndResolve(ApiHandlers.required(request.ref(), "ref"));
        GateResult result = runs.gate(
                home,
                commit,
                ApiHandlers.required(request.environment(), "environment"),
                request.overrides() == null ? List.of() : request.overrides(),
                request.reason(),
                person);
        audit.append(
                result.at(),
                person,
                AuditAction.GATED,
                home.name(),
                result.version() + " (commit " + commit + ") in " + result.environment() + ": "
                        + result.decision().label()
                        + (result.overrides().isEmpty()
                                ? ""
                                : ", overriding "
                                        + String.join(
                                                ", ",
                                                result.overrides().stream()
                                                        .map(o -> o.criterion())
                                                        .toList())));
        ctx.contentType("application/json").result(GateDocument.json(result));
    }
}
