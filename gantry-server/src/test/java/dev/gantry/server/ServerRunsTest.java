package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases the server runs itself, with no terminal open: through a canary in a checkout of their commit, to a
 * verdict and a report; decided on and stopped through the API; taken up after the server was stopped midway.
 */
class ServerRunsTest {

    private static final String TARGET =
            "target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }";
    private static final String DEPLOY =
            """
            #!/bin/sh
            shop="$(dirname "$0")/../.."
            echo "$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT $GANTRY_COMMIT" >> "$shop/calls.log"
            if [ "$GANTRY_ACTION" = deploy ] && [ -e "$shop/hold" ]; then read line < "$shop/hold"; fi
            exit 0
            """;

    @TempDir
    Path dir;

    private GitFixture source;
    private Path data;
    private GantryServer server;
    private final Time.Virtual time = Time.virtual(ServerFixture.T0);
    private ServerClient admin;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private void start(String plan) throws Exception {
        source = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(deploy, DEPLOY);
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(source.dir().resolve("metric.sh"), "#!/bin/sh\necho 0.05\n");
        Files.setPosixFilePermissions(source.dir().resolve("metric.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(source.dir().resolve("gantry.yaml"), plan);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        data = dir.resolve("data");
        server = serve();
        admin = client(Files.readString(data.resolve("admin.token")).strip());
    }

    private GantryServer serve() throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.dir().toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private ServerClient client(String token) throws Exception {
        return ServerClient.of("http://127.0.0.1:" + server.port(), token);
    }

    private ServerClient person(String name, String scope) throws Exception {
        return client(admin.issue(new TokenRequest(name, List.of(scope), 30)).text());
    }

    /** The run's events up to the first that {@code until} holds for, read as a follower does: waiting on the server. */
    private List<RunLog.Logged> follow(ServerClient client, String runId, Predicate<RunEvent> until) throws Exception {
        List<RunLog.Logged> events = new ArrayList<>();
        long after = 0;
        for (int asks = 0; asks < 200; asks++) {
            for (RunLog.Logged event : client.events("shop", runId, after, 30)) {
                events.add(event);
                after = event.sequence();
                if (until.test(event.event())) return events;
            }
        }
        throw new AssertionError("the run never got there; its events: " + events + "\nserver log:\n" + logged);
    }

    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
            environments:
              - name: staging
                %s
              - name: production
                requires: [staging]
                %s
              - name: lab
            validation:
              - { id: DEP-030, title: Smoke, check: { type: command, run: "sh -c true" } }
            rollout:
              canary: { steps: [50%%, 100%%], watch: 1m, cadence: 30s }
            """
                    .formatted(TARGET, TARGET);

    @Test
    void aReleaseRunsOnTheServerToItsVerdictAndReportWithNoTerminalOpen() throws Exception {
        start(PLAN);
        ServerClient mark = person("Mark Liu", "operate");
        String head = source.head();

        RunStarted started = mark.release("shop", new ReleaseRequest(head, "staging", null, List.of(), null));

        assertThat(started.version()).isEqualTo("1.4.0");
        assertThat(started.commit()).isEqualTo(head);
        List<RunLog.Logged> events = follow(mark, started.runId(), e -> e instanceof RunEvent.Ended);
        RunState state = RunState.of(RunLog.events(events));
        assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(state.start().actor()).isEqualTo("Mark Liu");
        assertThat(Files.readAllLines(data.resolve("projects/shop/calls.log")))
                .containsExactly(
                        "staging deploy 0 " + head,
                        "staging set-weight 50 " + head,
                        "staging set-weight 100 " + head,
                        "staging promote 100 " + head);
        assertThat(mark.status("shop", Optional.of("staging"))
                        .get(0)
                        .last()
                        .orElseThrow()
                        .summary()
                        .end())
                .hasValueSatisfying(end -> assertThat(end.verdict()).isEqualTo(Verdict.RELEASED));

        RunStarted production =
                mark.release("shop", new ReleaseRequest(head, "production", "all-at-once", List.of(), null));
        assertThat(follow(mark, production.runId(), e -> e instanceof RunEvent.Ended))
                .last()
                .satisfies(
                        e -> assertThat(((RunEvent.Ended) e.event()).verdict()).isEqualTo(Verdict.RELEASED));
        assertThat(admin.audit()).extracting(a -> a.action().name()).contains("RELEASE_STARTED");

        // Stopping waits for the runs' threads, which write the report and remove the checkout after the verdict.
        server.close();
        server = null;
        assertThat(data.resolve("projects/shop/checkouts/" + started.runId())).doesNotExist();
        try (java.util.stream.Stream<Path> files = Files.list(data.resolve("projects/shop/reports/v1.4.0"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .as("each report named once by its run's id, which names the environment and version")
                    .allMatch(name ->
                            name.matches("report-(staging|production)-1\\.4\\.0-\\d{8}T\\d{6}Z\\.(md|json|html)"))
                    .contains("report-" + started.runId() + ".md", "report-" + production.runId() + ".html");
        }
        assertThat(data.resolve("projects/shop/reports/v1.4.0/report-" + started.runId() + ".md"))
                .content()
                .contains("Verdict: Released");
    }

    @Test
    void aReleaseTheRulesRefuseIsRefusedBeforeAnythingRuns() throws Exception {
        start(PLAN);
        String head = source.head();
        ServerClient mark = person("Mark Liu", "operate");
        assertThatThrownBy(() -> mark.release("shop", new ReleaseRequest(head, "production", null, List.of(), null)))
                .hasMessageContaining("production requires staging, which has not released 1.4.0 yet")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(409);
        assertThatThrownBy(() -> mark.release("shop", new ReleaseRequest(head, "lab", null, List.of(), null)))
                .hasMessageContaining("environment lab has no target");
        assertThatThrownBy(() -> mark.release("shop", new ReleaseRequest(head, "prod", null, List.of(), null)))
                .hasMessage("unknown environment \"prod\"; the plan has: staging, production, lab");
        assertThatThrownBy(() -> mark.release("shop", new ReleaseRequest(head, "staging", "big-bang", List.of(), null)))
                .hasMessageContaining("expected all-at-once, rolling, blue-green or canary");
        assertThatThrownBy(() -> person("Mark Liu", "approve")
                        .release("shop", new ReleaseRequest(head, "staging", null, List.of(), null)))
                .hasMessageContaining("needs the operate scope");
        assertThat(data.resolve("projects/shop/calls.log")).doesNotExist();
    }

    @Test
    void aPausedRunWaitsOnTheServerForADecisionMadeThroughTheApi() throws Exception {
        start(
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                  - { name: Linh Vo, roles: [qa] }
                environments:
                  - name: staging
                    %s
                    metrics: { type: command, run: ./metric.sh }
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%%", severity: soft }
                rollout:
                  canary: { steps: [100%%], watch: 1m, cadence: 30s }
                """
                        .formatted(TARGET));
        ServerClient mark = person("Mark Liu", "operate");
        RunStarted started = mark.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
        follow(mark, started.runId(), e -> e instanceof RunEvent.Paused);

        assertThatThrownBy(() -> person("Linh Vo", "operate")
                        .decide("shop", started.runId(), new RunRequest(true, "looks fine")))
                .hasMessageContaining("Linh Vo may not decide")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(422);
        assertThatThrownBy(() -> mark.decide("shop", started.runId(), new RunRequest(false, " ")))
                .hasMessageContaining("--reason");
        mark.decide("shop", started.runId(), new RunRequest(false, "5% errors is too many"));

        List<RunLog.Logged> events = follow(mark, started.runId(), e -> e instanceof RunEvent.Ended);
        assertThat(((RunEvent.Ended) events.get(events.size() - 1).event()).verdict())
                .isEqualTo(Verdict.ROLLED_BACK);
        assertThat(events).anySatisfy(e -> assertThat(e.event()).isInstanceOf(RunEvent.Requested.class));
        assertThatThrownBy(() -> mark.abort("shop", started.runId(), new RunRequest(false, "too late")))
                .hasMessageContaining("has ended");
    }

    @Test
    void aRunTheServerWasStoppedInTheMiddleOfIsTakenUpWhenItStartsAgainWithItsScriptStopped() throws Exception {
        start(PLAN);
        Path hold = data.resolve("projects/shop/hold");
        Files.createDirectories(hold.getParent());
        new ProcessBuilder("mkfifo", hold.toString()).start().waitFor();
        ServerClient mark = person("Mark Liu", "operate");
        RunStarted started = mark.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
        follow(mark, started.runId(), e -> e instanceof RunEvent.ActionStarted);
        // The deploy script now waits on the pipe: stop the server in the middle of it.
        server.close();
        server = null;
        Files.delete(hold);
        // The stopped server's lease stays, as after a crash; in this one process it is taken when it runs out.
        time.advance(ServerConfig.LEASE.plusSeconds(1));

        server = serve();
        List<RunLog.Logged> events = follow(
                client(Files.readString(data.resolve("admin.token")).strip()),
                started.runId(),
                e -> e instanceof RunEvent.Ended);

        RunState state = RunState.of(RunLog.events(events));
        assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.RELEASED);
        assertThat(events)
                .filteredOn(e -> e.event() instanceof RunEvent.Started)
                .hasSize(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("taking up run " + started.runId());
        assertThat(events)
                .as("the handover from the stopped server to the new one")
                .filteredOn(e ->
                        e.event() instanceof RunEvent.TakenUp t && !t.previous().equals(t.coordinator()))
                .hasSize(1);
        assertThat(Files.readAllLines(data.resolve("projects/shop/calls.log")))
                .as("the interrupted deploy is called again, once")
                .filteredOn(line -> line.startsWith("staging deploy"))
                .hasSize(2);
    }

    /** The server-sent events of a run's stream, as {@code id event} pairs, read until the server ends it. */
    private List<String> stream(String token, String runId, String lastEventId) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/projects/shop/runs/" + runId + "/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        String[] id = {""};
        response.body().forEach(line -> {
            if (line.startsWith("id: ")) id[0] = line.substring(4);
            if (line.startsWith("event: ")) events.add(id[0] + " " + line.substring(7));
        });
        return events;
    }

    @Test
    void aRunsEventsStreamAsServerSentEventsAndAReconnectGoesOnAfterTheLastOneSeen() throws Exception {
        start(PLAN);
        String token = admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        ServerClient mark = client(token);
        RunStarted started = mark.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));

        List<String> streamed = stream(token, started.runId(), null);

        List<RunLog.Logged> stored = follow(mark, started.runId(), e -> e instanceof RunEvent.Ended);
        assertThat(streamed)
                .as("every stored event, in order, named by its kind")
                .isEqualTo(stored.stream()
                        .map(e -> e.sequence() + " " + RunEvent.kindOf(e.event().getClass()))
                        .toList());
        assertThat(streamed.get(0)).endsWith(" run.started");
        assertThat(streamed.get(streamed.size() - 1)).endsWith(" run.ended");
        String third = streamed.get(2).split(" ")[0];
        assertThat(stream(token, started.runId(), third)).isEqualTo(streamed.subList(3, streamed.size()));
        assertThat(Http.send(
                                "GET",
                                "http://127.0.0.1:" + server.port() + "/api/projects/shop/runs/" + started.runId()
                                        + "/stream",
                                null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void moreStreamsThanTheServerHasThreadsAllFollowTheRunWhileTheApiStillAnswers() throws Exception {
        start(PLAN);
        Path hold = data.resolve("projects/shop/hold");
        Files.createDirectories(hold.getParent());
        new ProcessBuilder("mkfifo", hold.toString()).start().waitFor();
        String token = admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        ServerClient mark = client(token);
        RunStarted started = mark.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
        follow(mark, started.runId(), e -> e instanceof RunEvent.ActionStarted);
        // Jetty's pool has 250 threads at most: a stream that held one would leave none for the API.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/projects/shop/runs/" + started.runId() + "/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < 300; i++)
            streams.add(http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()));

        java.net.http.HttpResponse<String> status = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/projects/shop/status"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(java.time.Duration.ofSeconds(60))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        // The deploy goes on: opened for reading and writing, the pipe lets the script's read through.
        new ProcessBuilder("sh", "-c", "exec 3<>\"$0\"; echo go >&3", hold.toString())
                .start()
                .waitFor();
        List<RunLog.Logged> stored = follow(mark, started.runId(), e -> e instanceof RunEvent.Ended);
        for (var stream : streams) {
            String body = stream.get().body();
            assertThat(body).contains("id: " + stored.get(0).sequence() + "\n", "event: run.ended");
        }
    }
}
