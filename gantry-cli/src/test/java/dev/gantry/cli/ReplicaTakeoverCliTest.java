package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code gantry serve} processes on one PostgreSQL, as two machines would run them: the one running a canary is
 * killed with kill -9 in the middle of a step's watch, and the other takes the run over once its lease runs out,
 * from the event log: no step twice, no sample lost, the handover in the events and the report.
 */
class ReplicaTakeoverCliTest {

    private static final Pattern SERVING =
            Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/api/ \\(projects: shop\\)");
    private static final Duration LEASE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres;
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process server : servers) server.destroyForcibly().waitFor();
        if (postgres != null) postgres.close();
    }

    @Test
    void aReplicaKilledInTheMiddleOfACanaryHasItsRunTakenOverByAnotherFromTheEventLog() throws Exception {
        Path calls = dir.resolve("calls.log");
        GitFixture source = repository(calls);
        String database = database();

        String a = serve("replica-a", database, source);
        ServerClient adminA = ServerClient.of(
                a, Files.readString(dir.resolve("replica-a/admin.token")).strip());
        String token = adminA.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        String b = serve("replica-b", database, source);
        ServerClient markA = ServerClient.of(a, token);
        ServerClient markB = ServerClient.of(b, token);

        RunStarted started = markA.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
        // Followed on the other replica, which reads the same records: into the second step's watch.
        List<RunLog.Logged> beforeKill =
                follow(markB, started.runId(), 0, e -> e instanceof RunEvent.Sampled s && s.step() == 2);
        Process replicaA = servers.get(0);
        replicaA.destroyForcibly();
        assertThat(replicaA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killed = System.nanoTime();

        List<RunLog.Logged> afterKill = follow(
                markB,
                started.runId(),
                beforeKill.get(beforeKill.size() - 1).sequence(),
                e -> e instanceof RunEvent.Ended);
        long tookOver = System.nanoTime();
        List<RunLog.Logged> all =
                Stream.concat(beforeKill.stream(), afterKill.stream()).toList();

        RunState state = RunState.of(RunLog.events(all));
        assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.RELEASED);
        RunEvent.TakenUp handover = afterKill.stream()
                .map(RunLog.Logged::event)
                .filter(RunEvent.TakenUp.class::isInstance)
                .map(RunEvent.TakenUp.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no handover in " + afterKill));
        assertThat(handover.previous()).endsWith("@replica-a");
        assertThat(handover.coordinator()).endsWith("@replica-b");
        // Within a lease of the kill, and the sweep after it: well under three leases.
        assertThat(Duration.ofNanos(tookOver - killed))
                .isLessThan(LEASE.multipliedBy(3).plusSeconds(30));

        // Every step's action ran once: none was started again by the replica that took over.
        List<String> actions = Files.readAllLines(calls);
        assertThat(actions).doesNotHaveDuplicates().anyMatch(line -> line.startsWith("staging deploy"));
        assertThat(all)
                .filteredOn(e -> e.event() instanceof RunEvent.ActionStarted)
                .extracting(e -> ((RunEvent.ActionStarted) e.event()).stepId())
                .doesNotHaveDuplicates();
        // No sample lost: what the killed replica stored is still the run's, in order, and the watch went on after.
        List<Long> sequences = all.stream().map(RunLog.Logged::sequence).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        List<RunLog.Logged> rereadAll = follow(markB, started.runId(), 0, e -> e instanceof RunEvent.Ended);
        assertThat(rereadAll.stream().map(RunLog.Logged::sequence).toList()).isEqualTo(sequences);
        assertThat(afterKill)
                .anySatisfy(e -> assertThat(e.event()).isInstanceOf(RunEvent.Sampled.class))
                .anySatisfy(e -> assertThat(e.event()).isInstanceOf(RunEvent.WatchGap.class));

        // Stopped as an operator would (SIGTERM), a server first writes the report of a run that ended.
        Process replicaB = servers.get(1);
        replicaB.destroy();
        assertThat(replicaB.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path reports = dir.resolve("replica-b/projects/shop/reports");
        Path markdown;
        try (Stream<Path> files = Files.walk(reports)) {
            markdown = files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readString(markdown))
                .contains("taken up at ", "after coordinator ", "@replica-a stopped before the run ended");
    }

    /** A shop whose deploy script writes each call to {@code calls}, with a canary of three short steps. */
    private GitFixture repository(Path calls) throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(
                deploy, "#!/bin/sh\necho \"$GANTRY_ENVIRONMENT $GANTRY_ACTION $GANTRY_WEIGHT\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path metric = source.dir().resolve("metric.sh");
        Files.writeString(metric, "#!/bin/sh\necho 0.001\n");
        Files.setPosixFilePermissions(metric, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                    metrics: { type: command, run: ./metric.sh }
                rollback:
                  - { id: DEP-020, metric: error_rate, threshold: "> 2%" }
                rollout:
                  canary: { steps: [25%, 50%, 100%], watch: 3s, cadence: 1s }
                """);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        return source;
    }

    private String database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE ana LOGIN PASSWORD 'replica-Pa55'");
            s.execute("CREATE DATABASE gantry OWNER ana");
        }
        return "postgresql://ana:replica-Pa55@localhost:" + postgres.getPort() + "/gantry";
    }

    /** Starts a server process named as the machine {@code host}, with a data folder of its own; its address. */
    private String serve(String host, String database, GitFixture source) throws Exception {
        List<String> command = ChildJvm.java("-XX:+UseSerialGC");
        command.addAll(List.of(
                "serve",
                "--data",
                dir.resolve(host).toString(),
                "--port",
                "0",
                "--project",
                "shop=" + source.dir(),
                "--lease",
                LEASE.toSeconds() + "s"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve(host + ".log").toFile());
        // The database's password stays out of the process list; the host name tells the machines apart.
        builder.environment().put("GANTRY_DATABASE", database);
        builder.environment().put("HOSTNAME", host);
        Process server = builder.start();
        servers.add(server);
        String first =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(first).as(Files.readString(dir.resolve(host + ".log"))).isNotNull();
        Matcher serving = SERVING.matcher(first);
        assertThat(serving.matches()).as(first).isTrue();
        return serving.group(1);
    }

    /** The run's events after {@code after} up to the first that {@code until} holds for, waiting on the server. */
    private List<RunLog.Logged> follow(ServerClient client, String runId, long after, Predicate<RunEvent> until)
            throws Exception {
        List<RunLog.Logged> events = new ArrayList<>();
        for (int asks = 0; asks < 100; asks++) {
            for (RunLog.Logged event : client.events("shop", runId, after, 30)) {
                events.add(event);
                after = event.sequence();
                if (until.test(event.event())) return events;
            }
        }
        throw new AssertionError("the run never got there; its events: " + events + "\nreplica-b's log:\n"
                + Files.readString(dir.resolve("replica-b.log")));
    }
}
