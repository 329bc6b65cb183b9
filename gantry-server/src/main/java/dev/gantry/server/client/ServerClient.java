package dev.gantry.server.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.coordinate.ApprovalStatus;
import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.gate.RecordedGate;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.server.api.AccountInfo;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.ApiError;
import dev.gantry.server.api.ApiJson;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.api.FlagChanged;
import dev.gantry.server.api.FlagSettingsRequest;
import dev.gantry.server.api.FlagSwitchRequest;
import dev.gantry.server.api.FlagView;
import dev.gantry.server.api.GateRequest;
import dev.gantry.server.api.NewToken;
import dev.gantry.server.api.PasswordChange;
import dev.gantry.server.api.PolicyView;
import dev.gantry.server.api.ProjectInfo;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RollbackRequest;
import dev.gantry.server.api.RollbackStarted;
import dev.gantry.server.api.RunEventView;
import dev.gantry.server.api.RunRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TickRequest;
import dev.gantry.server.api.TokenInfo;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditFinding;
import dev.gantry.store.Approval;
import dev.gantry.store.Evidence;
import dev.gantry.store.Tick;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line's side of the server's API: each call one request, its answer read into the core's records. */
public final class ServerClient {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    /** Longer than the longest wait for a run's next events the server grants. */
    private static final Duration ANSWER = Duration.ofSeconds(90);
    /** The most of an answer read: a status or a history is far smaller; more is a server gone wrong. */
    private static final int MOST = 16 << 20;

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json = ApiJson.mapper();

    private ServerClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A client of the server at {@code base} ({@code http://host:port} or {@code https://...}), calling with
     * {@code token}.
     *
     * @throws ServerCallException when the address is not an http or https URL
     */
    public static ServerClient of(String base, String token) throws ServerCallException {
        URI uri;
        try {
            uri = new URI(base.endsWith("/") ? base : base + "/");
        } catch (java.net.URISyntaxException e) {
            throw new ServerCallException(0, "the server's address \"" + base + "\" is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ServerCallException(
                    0,
                    "the server's address is an http:// or https:// URL such as http://127.0.0.1:8080, not \"" + base
                            + "\"");
        }
        return new ServerClient(uri, token);
    }

    public List<ProjectInfo> projects() throws ServerCallException {
        return get("api/projects", new TypeReference<>() {});
    }

    public List<EnvironmentStatus> status(String project, Optional<String> environment) throws ServerCallException {
        return get(
                "api/projects/" + segment(project) + "/status" + query("environment", environment),
                new TypeReference<>() {});
    }

    public List<HistoryQuery.Entry> history(String project, Optional<String> environment, int limit)
            throws ServerCallException {
        String query = query("environment", environment);
        query += (query.isEmpty() ? "?" : "&") + "limit=" + limit;
        return get("api/projects/" + segment(project) + "/history" + query, new TypeReference<>() {});
    }

    public PolicyView policy(String project) throws ServerCallException {
        return get("api/projects/" + segment(project) + "/policy", new TypeReference<>() {});
    }

    /** Sets the project's policy from its document, YAML or JSON, sent as written. */
    public PolicyView setPolicy(String project, String document) throws ServerCallException {
        return send(
                HttpRequest.newBuilder(base.resolve("api/projects/" + segment(project) + "/policy"))
                        .header("Content-Type", "application/yaml")
                        .PUT(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8)),
                new TypeReference<>() {});
    }

    public ApprovalStatus approvals(String project, String ref, Optional<String> component) throws ServerCallException {
        String query = "?ref=" + segment(ref)
                + component.map(c -> "&component=" + segment(c)).orElse("");
        return get("api/projects/" + segment(project) + "/approvals" + query, new TypeReference<>() {});
    }

    public Approval approve(String project, ApprovalRequest request) throws ServerCallException {
        return post("api/projects/" + segment(project) + "/approvals", request, new TypeReference<>() {});
    }

    public Tick tick(String project, TickRequest request) throws ServerCallException {
        return post("api/projects/" + segment(project) + "/checklist/ticks", request, new TypeReference<>() {});
    }

    public RunStarted release(String project, ReleaseRequest request) throws ServerCallException {
        return post("api/projects/" + segment(project) + "/releases", request, new TypeReference<>() {});
    }

    /**
     * The run's events after {@code after}, oldest first, as the core's records; waits up to {@code waitSeconds}
     * for one when there is none yet and the run has not ended.
     */
    public List<RunLog.Logged> events(String project, String runId, long after, int waitSeconds)
            throws ServerCallException {
        List<RunEventView> views = get(
                "api/projects/" + segment(project) + "/runs/" + segment(runId) + "/events?after=" + after + "&wait="
                        + waitSeconds,
                new TypeReference<>() {});
        List<RunLog.Logged> events = new ArrayList<>();
        for (RunEventView view : views) {
            Class<? extends RunEvent> type = RunEvent.typeOf(view.kind())
                    .orElseThrow(() -> new ServerCallException(
                            0,
                            "the server sent an event of a kind this command line does not know (" + view.kind()
                                    + "); is it a newer Gantry?"));
            try {
                events.add(new RunLog.Logged(
                        view.at(), json.treeToValue(view.event(), type), view.sequence(), view.hash()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ServerCallException(
                        0,
                        "the server sent a " + view.kind() + " event this command line cannot" + " read: "
                                + e.getOriginalMessage());
            }
        }
        return events;
    }

    public RunStarted decide(String project, String runId, RunRequest request) throws ServerCallException {
        return post(
                "api/projects/" + segment(project) + "/runs/" + segment(runId) + "/decide",
                request,
                new TypeReference<>() {});
    }

    public RunStarted abort(String project, String runId, RunRequest request) throws ServerCallException {
        return post(
                "api/projects/" + segment(project) + "/runs/" + segment(runId) + "/abort",
                request,
                new TypeReference<>() {});
    }

    /** Uploads {@code file} as the evidence at {@code path} in the repository for {@code commit}. */
    public Evidence.Upload uploadEvidence(String project, String commit, String path, java.nio.file.Path file)
            throws ServerCallException {
        HttpRequest.BodyPublisher bytes;
        try {
            bytes = HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new ServerCallException(0, "cannot read " + file + ": it does not exist");
        }
        return send(
                HttpRequest.newBuilder(base.resolve("api/projects/" + segment(project) + "/evidence/" + segment(commit)
                                + "?path=" + segment(path)))
                        .header("Content-Type", "application/octet-stream")
                        .POST(bytes),
                new TypeReference<>() {});
    }

    /** The evidence files uploaded for {@code commit}, the newest of each path. */
    public List<Evidence.Upload> evidence(String project, String commit) throws ServerCallException {
        return get("api/projects/" + segment(project) + "/evidence/" + segment(commit), new TypeReference<>() {});
    }

    /** The gate of a commit in an environment, evaluated and recorded by the server. */
    public RecordedGate gate(String project, GateRequest request) throws ServerCallException {
        String answer =
                post("api/projects/" + segment(project) + "/gates", request, new TypeReference<String>() {}, true);
        try {
            return RecordedGate.parse(answer);
        } catch (IOException e) {
            throw new ServerCallException(
                    0, "the server at " + base + " answered a gate this command line cannot read: " + e.getMessage());
        }
    }

    /** The report of a run as the server renders it: {@code format} md, json or html. */
    public String report(String project, String runId, String format) throws ServerCallException {
        String accept =
                switch (format) {
                    case "json" -> "application/json";
                    case "html" -> "text/html";
                    default -> "text/markdown";
                };
        byte[] body = exchange(
                HttpRequest.newBuilder(base.resolve("api/projects/" + segment(project) + "/runs/" + segment(runId)
                                + "/report?format=" + segment(format)))
                        .GET(),
                accept);
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Asks the server to take the version released in an environment back. */
    public RollbackStarted rollback(String project, RollbackRequest request) throws ServerCallException {
        return post("api/projects/" + segment(project) + "/rollbacks", request, new TypeReference<>() {});
    }

    /** The project's flags as they stand in {@code environment}, or in each environment when empty. */
    public List<FlagView> flags(String project, Optional<String> environment) throws ServerCallException {
        return get(
                "api/projects/" + segment(project) + "/flags" + query("environment", environment),
                new TypeReference<>() {});
    }

    /** Every change of a flag, oldest first; in one environment when given. */
    public List<FlagChangeView> flagHistory(String project, String flag, Optional<String> environment)
            throws ServerCallException {
        return get(
                "api/projects/" + segment(project) + "/flags/" + segment(flag) + "/history"
                        + query("environment", environment),
                new TypeReference<>() {});
    }

    /** The flags of an environment as Unleash's client features document, as the server writes it. */
    public String exportFlags(String project, String environment) throws ServerCallException {
        byte[] body = exchange(
                HttpRequest.newBuilder(base.resolve("api/projects/" + segment(project) + "/flags/export"
                                + query("environment", Optional.of(environment))))
                        .GET(),
                "application/json");
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Turns a flag on or off as the token's person. */
    public FlagChanged switchFlag(String project, String flag, FlagSwitchRequest request) throws ServerCallException {
        return post(
                "api/projects/" + segment(project) + "/flags/" + segment(flag) + "/switch",
                request,
                new TypeReference<>() {});
    }

    /** Replaces a flag's strategies, variants and dependencies as the token's person. */
    public FlagChanged configureFlag(String project, String flag, FlagSettingsRequest request)
            throws ServerCallException {
        try {
            return send(
                    HttpRequest.newBuilder(base.resolve(
                                    "api/projects/" + segment(project) + "/flags/" + segment(flag) + "/settings"))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request))),
                    new TypeReference<>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request of the API is always written as JSON", e);
        }
    }

    /** The whole audit log, oldest first, read a page at a time. */
    public List<AuditEntry> audit() throws ServerCallException {
        return audit(0);
    }

    /** The audit log's entries numbered after {@code after}, oldest first, read a page at a time. */
    public List<AuditEntry> audit(long after) throws ServerCallException {
        List<AuditEntry> all = new java.util.ArrayList<>();
        while (true) {
            List<AuditEntry> page = audit(after, AuditEntry.PAGE);
            all.addAll(page);
            if (page.size() < AuditEntry.PAGE) return all;
            after = page.get(page.size() - 1).sequence();
        }
    }

    /** At most {@code limit} entries of the audit log numbered after {@code after}, oldest first. */
    public List<AuditEntry> audit(long after, int limit) throws ServerCallException {
        return get("api/audit?after=" + after + "&limit=" + limit, new TypeReference<>() {});
    }

    public List<AuditFinding> verifyAudit() throws ServerCallException {
        return get("api/audit/verify", new TypeReference<>() {});
    }

    public TokenInfo whoami() throws ServerCallException {
        return get("api/whoami", new TypeReference<>() {});
    }

    public NewToken issue(TokenRequest request) throws ServerCallException {
        return post("api/tokens", request, new TypeReference<>() {});
    }

    private <T> T post(String path, Object body, TypeReference<T> type) throws ServerCallException {
        return post(path, body, type, false);
    }

    /** Posts {@code body} as JSON; with {@code raw}, the answer is given as its text, for the caller to read. */
    @SuppressWarnings("unchecked")
    private <T> T post(String path, Object body, TypeReference<T> type, boolean raw) throws ServerCallException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (raw) return (T) new String(exchange(request, "application/json"), StandardCharsets.UTF_8);
            return send(request, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request of the API is always written as JSON", e);
        }
    }

    public List<TokenInfo> tokens() throws ServerCallException {
        return get("api/tokens", new TypeReference<>() {});
    }

    public void revoke(String id) throws ServerCallException {
        send(HttpRequest.newBuilder(base.resolve("api/tokens/" + segment(id))).DELETE(), null);
    }

    public List<AccountInfo> accounts() throws ServerCallException {
        return get("api/accounts", new TypeReference<>() {});
    }

    public AccountInfo createAccount(AccountRequest request) throws ServerCallException {
        return post("api/accounts", request, new TypeReference<>() {});
    }

    public void removeAccount(String person) throws ServerCallException {
        send(
                HttpRequest.newBuilder(base.resolve("api/accounts/" + segment(person)))
                        .DELETE(),
                null);
    }

    /** Changes the password of the account of the token's own person. */
    public void changePassword(PasswordChange change) throws ServerCallException {
        post("api/account/password", change, null);
    }

    private <T> T get(String path, TypeReference<T> type) throws ServerCallException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), type);
    }

    private <T> T send(HttpRequest.Builder request, TypeReference<T> type) throws ServerCallException {
        byte[] body = exchange(request, "application/json");
        if (type == null) return null;
        try {
            return json.readValue(body, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ServerCallException(
                    0,
                    "the server at " + base + " answered "
                            + request.build().uri().getPath() + " with what is not the" + " API's JSON ("
                            + e.getOriginalMessage() + "); is it a Gantry server of this version?");
        } catch (IOException e) {
            throw new ServerCallException(0, "cannot read the answer of the server at " + base + ": " + e);
        }
    }

    /** Sends the request and gives the answer's bytes; an error status is thrown as the server said it. */
    private byte[] exchange(HttpRequest.Builder request, String accept) throws ServerCallException {
        request.timeout(ANSWER).header("Accept", accept);
        if (token != null) request.header("Authorization", "Bearer " + token);
        HttpRequest built = request.build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new ServerCallException(0, "cannot reach the server at " + base + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw new ServerCallException(0, "the server at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new ServerCallException(0, "cannot reach the server at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerCallException(0, "interrupted while waiting for the server at " + base);
        }
        byte[] body;
        try (java.io.InputStream in = response.body()) {
            body = in.readNBytes(MOST + 1);
        } catch (IOException e) {
            throw new ServerCallException(0, "the server at " + base + " broke off its answer: " + e.getMessage());
        }
        if (body.length > MOST)
            throw new ServerCallException(0, "the server at " + base + " answered more than 16 MiB; refused");
        int status = response.statusCode();
        if (status >= 400) throw errorOf(status, body);
        return body;
    }

    private ServerCallException errorOf(int status, byte[] body) {
        try {
            ApiError error = json.readValue(body, ApiError.class);
            if (error != null && error.error() != null)
                return new ServerCallException(status, error.error(), error.problem());
        } catch (IOException e) {
            // Not the API's error: a proxy's page, or no Gantry server at all.
        }
        return new ServerCallException(status, "the server at " + base + " answered HTTP " + status);
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String name, Optional<String> value) {
        List<String> parts = new ArrayList<>();
        value.ifPresent(v -> parts.add(name + "=" + segment(v)));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
