package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanFile;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerLog;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas on one PostgreSQL: a flag a run turned off whose audit entry its server never wrote (killed between the
 * two) is audited by the replicas that find it, exactly once however many look at the same time.
 */
class RunFlagAuditOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String PLAN =
            """
            environments:
              - { name: staging }
            flags:
              - { name: new-checkout, type: release, release: 1.4.0 }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void empty() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/" + TestPostgres.DATABASE,
                        TestPostgres.USER,
                        TestPostgres.PASSWORD);
                java.sql.Statement statement = c.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS gantry_server CASCADE");
            statement.execute("DROP SCHEMA IF EXISTS project_shop CASCADE");
        }
    }

    private String url() {
        return "postgresql://" + TestPostgres.USER + ":" + TestPostgres.PASSWORD + "@127.0.0.1:" + POSTGRES.port() + "/"
                + TestPostgres.DATABASE;
    }

    private GantryServer serve(Path source, Path data) throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data, "127.0.0.1", 0, List.of(new Project("shop", source.toString())), Optional.of(url())),
                Time.virtual(T0),
                new ServerLog(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @Test
    void aFlagChangeOfARunWithNoEntryIsAuditedOnceByReplicasStartingTogether() throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Files.writeString(source.dir().resolve(PlanFile.NAME), PLAN);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        String commit = source.head();
        Plan plan = PlanFile.load(source.dir().resolve(PlanFile.NAME), true, PlugIns.registries());
        // A first server makes the tables and the admin token, and stops.
        serve(source.dir(), dir.resolve("first")).close();
        String admin = Files.readString(dir.resolve("first/admin.token")).strip();
        // What a server killed right after its run's rollback turned the flag off leaves: the change and the run's
        // events, and no audit entry.
        String runId = "staging-1.4.0-20261102T090000Z";
        long change;
        try (PostgresDatabase database = PostgresDatabase.connect(PostgresUrl.parse(url()));
                PostgresStore store = PostgresStore.open(database, new Project("shop", "unused").schema())) {
            FlagStates flags = new FlagStates(store);
            flags.turn(plan, "staging", "new-checkout", true, "Ana Lima", "launch", T0);
            RunLog log = new RunLog(store);
            String h = log.append(
                            runId,
                            "1.4.0",
                            "staging",
                            "Mark Liu",
                            T0.plusSeconds(60),
                            new RunEvent.Started(runId, "staging", "1.4.0", "1.3.0", commit, "Mark Liu"),
                            "")
                    .hash();
            FlagEvent off = flags.turnOffFor(
                            plan,
                            "staging",
                            "new-checkout",
                            runId,
                            "Mark Liu",
                            "rollback of 1.4.0 in staging: rolled back by Mark Liu: errors",
                            T0.plusSeconds(120))
                    .orElseThrow();
            change = off.sequence();
            h = log.append(
                            runId,
                            "1.4.0",
                            "staging",
                            "Mark Liu",
                            T0.plusSeconds(120),
                            new RunEvent.FlagTurnedOff("new-checkout", off.at(), change),
                            h)
                    .hash();
            log.append(
                    runId,
                    "1.4.0",
                    "staging",
                    "Mark Liu",
                    T0.plusSeconds(180),
                    new RunEvent.Ended(Verdict.ROLLED_BACK, "rolled back by Mark Liu: errors", true),
                    h);
        }

        ExecutorService starting = Executors.newFixedThreadPool(3);
        List<GantryServer> replicas = new ArrayList<>();
        try {
            List<Callable<GantryServer>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path data = dir.resolve("replica-" + i);
                starts.add(() -> serve(source.dir(), data));
            }
            for (Future<GantryServer> started : starting.invokeAll(starts)) replicas.add(started.get());
            for (GantryServer replica : replicas) replica.takeUpRuns();

            ServerClient client =
                    ServerClient.of("http://127.0.0.1:" + replicas.get(0).port(), admin);
            List<AuditEntry> entries = client.audit().stream()
                    .filter(e -> e.action() == AuditAction.FLAG_SWITCHED)
                    .toList();
            // The person's change, stored as a server killed before its entry leaves it, is audited once too.
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).actor()).isEqualTo("Ana Lima");
            assertThat(entries.get(0).subject()).isEqualTo("flag new-checkout turned on in staging: launch");
            assertThat(entries.get(1)).satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo("Mark Liu");
                assertThat(entry.subject())
                        .isEqualTo("flag new-checkout turned off in staging by run " + runId + " (flag change " + change
                                + "): rollback of 1.4.0 in staging: rolled back by Mark Liu: errors");
            });
            assertThat(client.verifyAudit()).isEmpty();
        } finally {
            starting.shutdownNow();
            for (GantryServer replica : replicas) replica.close();
        }
    }
}
