package dev.gantry.server;

import dev.gantry.analysis.Evaluation;
import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.plan.Strategy;
import dev.gantry.rollout.Action;
import dev.gantry.rollout.Phase;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.H2Store;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A server over a repository with a release to review (1.4.0: a feature since v1.3.0, approvals by qa and tech-lead,
 * rollback triggers), and a canary of it in production written into the project's records as its coordinator would
 * write it, watching its first step.
 */
final class DashboardFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final String SUBJECT = "feat: search <script>alert('commit')</script> <img src=x onerror=alert('commit')>";
    static final String EVE = "Eve <img src=x onerror=alert('person')>";
    static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
              - { name: Linh Vo, roles: [qa] }
              - { name: Priya Shah, roles: [tech-lead] }
              - { name: "%s", roles: [tech-lead] }
            environments:
              - { name: staging }
              - { name: production, requires: [staging] }
            criteria:
              - id: DEP-010
                title: "Runbook read <script>alert('criterion')</script>"
                requirement: "[the runbook](javascript:alert('link'))"
            steps:
              - { id: DEP-050, title: "Post in #releases <b onmouseover=alert('step')>now</b>", at: go-no-go }
            rollback:
              - { id: DEP-020, metric: error_rate, threshold: "> 2%%", for: 2m }
              - { id: DEP-021, metric: latency_p99, threshold: "> 400ms", for: 2m }
            rollout:
              canary: { steps: [10%%, 50%%, 100%%], watch: 5m, cadence: 30s }
            approvals:
              minor: [qa, tech-lead]
            """
                    .formatted(EVE);

    static final String RUN = "p-1";

    final Path data;
    final String head;
    final GantryServer server;
    final ServerClient admin;
    private final Time.Virtual time = Time.virtual(T0);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private String hash = "";

    DashboardFixture(Path dir) throws Exception {
        GitFixture repo = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Files.writeString(repo.dir().resolve("gantry.yaml"), PLAN);
        repo.git("add", "gantry.yaml");
        repo.commit("chore: the release plan").commit(SUBJECT);
        head = repo.head();
        data = dir.resolve("data");
        server = GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", repo.dir().toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time.clock()));
        admin = ServerClient.of(
                url(),
                Files.readString(data.resolve(GantryServer.ADMIN_TOKEN_FILE)).strip());
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    String token(String person, String scope) throws Exception {
        return admin.issue(new TokenRequest(person, List.of(scope), 30)).text();
    }

    H2Store store() throws Exception {
        return H2Store.open(data.resolve("projects/shop/state"));
    }

    /**
     * The canary of 1.4.0 in production: deployed, at 10% since T+0:20, watched since, with samples every 30 s of
     * the new and the stable version. Its coordinator is this test's process, which holds the lease, so that no
     * server takes the run up.
     */
    void recordCanary(int samples) throws Exception {
        try (H2Store store = store()) {
            store.acquire(
                    "production",
                    Coordinator.thisProcess("dashboard-test").id(),
                    RUN,
                    T0,
                    ReleaseService.LEASE.multipliedBy(8));
        }
        append(T0, new RunEvent.Started(RUN, "production", "1.4.0", "1.3.0", head, "Mark Liu"));
        append(T0, new RunEvent.PhaseEntered(Phase.STRATEGY));
        append(T0, new RunEvent.StrategyChosen(Strategy.CANARY, Strategy.CANARY, "a minor release"));
        append(T0.plusSeconds(5), new RunEvent.PhaseEntered(Phase.EXECUTE));
        action(T0.plusSeconds(5), "deploy", Action.DEPLOY, 0, 0);
        action(T0.plusSeconds(20), "step-1", Action.SET_WEIGHT, 10, 1);
        append(T0.plusSeconds(30), new RunEvent.PhaseEntered(Phase.WATCH));
        for (int i = 0; i < samples; i++) sample(i);
    }

    /** The {@code i}th pair of samples, at T+0:20 plus 30 s each: errors rising a little above stable's. */
    void sample(int i) throws Exception {
        Instant at = T0.plusSeconds(50 + 30L * i);
        double errors = 0.004 + 0.0009 * i + (i % 3 == 0 ? 0.0006 : 0);
        double stableErrors = 0.0035 + (i % 2 == 0 ? 0.0004 : 0);
        append(at, new RunEvent.Sampled(1, "DEP-020", "error_rate", errors, null, Evaluation.State.OK, stableErrors));
        append(
                at,
                new RunEvent.Sampled(
                        1,
                        "DEP-021",
                        "latency_p99",
                        0.182 + 0.007 * i,
                        null,
                        Evaluation.State.OK,
                        0.176 + (i % 2) * 0.004));
    }

    void lesson(String lesson) throws Exception {
        append(T0.plusSeconds(40), new RunEvent.LessonNoted(lesson, "Mark Liu"));
    }

    private void action(Instant at, String step, Action action, int weight, int number) throws Exception {
        String id = RUN + "/" + step;
        append(at, new RunEvent.ActionStarted(id, action, weight, number));
        append(at.plusSeconds(3), new RunEvent.ActionFinished(id, true, "done", List.of(), Map.of()));
    }

    private void append(Instant at, RunEvent event) throws Exception {
        // The server's clock stands at the last event, as it would while the run is watched.
        if (at.isAfter(time.instant())) time.advance(java.time.Duration.between(time.instant(), at));
        try (H2Store store = store()) {
            RunLog.Logged stored = new RunLog(store).append(RUN, "1.4.0", "production", "Mark Liu", at, event, hash);
            if (!stored.hash().isEmpty()) hash = stored.hash();
        }
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
