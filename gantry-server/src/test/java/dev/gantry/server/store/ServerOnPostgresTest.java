package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.GantryServer;
import dev.gantry.server.Project;
import dev.gantry.server.ServerConfig;
import dev.gantry.server.ServerException;
import dev.gantry.server.ServerLog;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a real PostgreSQL: tokens, approvals, runs and the audit log kept there, so that a second server on
 * the same database, with a data folder of its own, serves the same records.
 */
class ServerOnPostgresTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    @TempDir
    Path dir;

    private String url() {
        return "postgresql://" + TestPostgres.USER + ":" + TestPostgres.PASSWORD + "@127.0.0.1:" + POSTGRES.port() + "/"
                + TestPostgres.DATABASE;
    }

    private GantryServer serve(Path source, Path data, ByteArrayOutputStream log) throws Exception {
        return GantryServer.start(
                new ServerConfig(
                        data, "127.0.0.1", 0, List.of(new Project("shop-web", source.toString())), Optional.of(url())),
                Time.virtual(Instant.parse("2026-11-02T09:00:00Z")),
                new ServerLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    @Test
    void asecondServerOnTheSameDatabaseServesWhatTheFirstRecorded() throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager, qa] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                approvals:
                  minor: [qa]
                rollout:
                  canary: { steps: [100%], watch: 1m, cadence: 30s }
                """);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        ByteArrayOutputStream firstLog = new ByteArrayOutputStream();
        String admin;
        String runId;
        try (GantryServer first = serve(source.dir(), dir.resolve("first"), firstLog)) {
            admin = Files.readString(dir.resolve("first/admin.token")).strip();
            ServerClient client = ServerClient.of("http://127.0.0.1:" + first.port(), admin);
            ServerClient mark = ServerClient.of(
                    "http://127.0.0.1:" + first.port(),
                    client.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                            .text());
            ServerClient markApproves = ServerClient.of(
                    "http://127.0.0.1:" + first.port(),
                    client.issue(new TokenRequest("Mark Liu", List.of("approve"), 30))
                            .text());
            markApproves.approve("shop-web", new ApprovalRequest(source.head(), "qa", null, null));
            RunStarted started =
                    mark.release("shop-web", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
            runId = started.runId();
            List<RunLog.Logged> events = List.of();
            for (int asks = 0;
                    asks < 100 && events.stream().noneMatch(e -> e.event() instanceof RunEvent.Ended);
                    asks++) {
                events = mark.events("shop-web", runId, 0, 30);
            }
            assertThat(events).last().satisfies(e -> assertThat(((RunEvent.Ended) e.event()).verdict())
                    .isEqualTo(Verdict.RELEASED));
        }
        assertThat(firstLog.toString(StandardCharsets.UTF_8)).doesNotContain(TestPostgres.PASSWORD);

        try (GantryServer second = serve(source.dir(), dir.resolve("second"), new ByteArrayOutputStream())) {
            assertThat(dir.resolve("second/admin.token"))
                    .as("the tokens are the database's")
                    .doesNotExist();
            ServerClient client = ServerClient.of("http://127.0.0.1:" + second.port(), admin);
            assertThat(client.status("shop-web", Optional.of("staging"))
                            .get(0)
                            .last()
                            .orElseThrow()
                            .summary()
                            .runId())
                    .isEqualTo(runId);
            assertThat(client.approvals("shop-web", source.head(), Optional.empty())
                            .complete())
                    .isTrue();
            assertThat(client.audit())
                    .extracting(e -> e.action().name())
                    .containsExactly("TOKEN_ISSUED", "TOKEN_ISSUED", "TOKEN_ISSUED", "APPROVED", "RELEASE_STARTED");
            assertThat(client.verifyAudit()).isEmpty();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsTheStartWithWhereAndWhyAndNoPassword() {
        assertThatThrownBy(() -> GantryServer.start(
                        new ServerConfig(
                                dir.resolve("data"),
                                "127.0.0.1",
                                0,
                                List.of(new Project("shop", dir.toString())),
                                Optional.of("postgresql://ana:hunter22@127.0.0.1:1/gantry")),
                        Time.system(),
                        new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC())))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("127.0.0.1:1/gantry")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> GantryServer.start(
                        new ServerConfig(
                                dir.resolve("data"),
                                "127.0.0.1",
                                0,
                                List.of(new Project("shop", dir.toString())),
                                Optional.of("mysql://db/gantry")),
                        Time.system(),
                        new ServerLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC())))
                .isInstanceOf(ServerException.class)
                .hasMessageStartingWith("--database: ");
    }
}
