package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RollbackRequest;
import dev.gantry.server.api.RollbackStarted;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's rollback on the server is bound to the commit of the release it takes back: that commit's plan and
 * scripts, never what the server's clone has fetched since.
 */
class ServerRollbackTest {

    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
            environments:
              - name: staging
                target: { type: command, deploy: ./deploy.sh, rollback: %s }
            """;

    /** Writes each call, with the script's own name and the commit it was given, beside the server's checkouts. */
    private static String script(String name) {
        return """
                #!/bin/sh
                shop="$(dirname "$0")/../.."
                echo "%s $GANTRY_ACTION $GANTRY_VERSION $GANTRY_PREVIOUS_VERSION $GANTRY_COMMIT" >> "$shop/calls.log"
                """
                .formatted(name);
    }

    @TempDir
    Path dir;

    private GitFixture source;
    private Path data;
    private GantryServer server;
    private final Time.Virtual time = Time.virtual(ServerFixture.T0);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void write(String name, String text) throws Exception {
        Path file = source.dir().resolve(name);
        Files.writeString(file, text);
        if (name.endsWith(".sh")) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

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

    private Verdict released(ServerClient mark) throws Exception {
        RunStarted run =
                mark.release("shop", new ReleaseRequest(source.head(), "staging", "all-at-once", List.of(), null));
        List<RunLog.Logged> events = follow(mark, run.runId(), e -> e instanceof RunEvent.Ended);
        return RunState.of(RunLog.events(events)).end().orElseThrow().verdict();
    }

    @Test
    void aRollbackRunsThePlanAndScriptsOfTheCommitItTakesBackNotOnesFetchedSince() throws Exception {
        source = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        write("deploy.sh", script("deploy"));
        write("rollback.sh", script("first-rollback"));
        write("gantry.yaml", PLAN.formatted("./rollback.sh"));
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        data = dir.resolve("data");
        server = GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.dir().toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
        ServerClient admin = ServerClient.of(
                "http://127.0.0.1:" + server.port(),
                Files.readString(data.resolve("admin.token")).strip());
        ServerClient mark = ServerClient.of(
                "http://127.0.0.1:" + server.port(),
                admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                        .text());

        assertThat(released(mark)).isEqualTo(Verdict.RELEASED);
        source.tag("v1.4.0").commit("fix: b");
        String second = source.head();
        assertThat(released(mark)).isEqualTo(Verdict.RELEASED);
        // A newer commit on the origin changes the rollback's script and the plan that names it.
        write("rollback-v2.sh", script("newer-rollback"));
        write("rollback.sh", script("changed-rollback"));
        write("gantry.yaml", PLAN.formatted("./rollback-v2.sh"));
        source.git("add", "-A");
        source.commit("chore: a new rollback script");
        String newer = source.head();

        RollbackStarted rollback = mark.rollback("shop", new RollbackRequest("staging", null, "INC-231: errors"));

        assertThat(rollback.fromVersion()).isEqualTo("1.4.1");
        assertThat(rollback.fromCommit()).isEqualTo(second);
        assertThat(rollback.toVersion()).isEqualTo("1.4.0");
        List<RunLog.Logged> events = follow(mark, rollback.runId(), e -> e instanceof RunEvent.Ended);
        RunState state = RunState.of(RunLog.events(events));
        assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.ROLLED_BACK);
        assertThat(state.start().commit())
                .as("the record names the commit it ran")
                .isEqualTo(second);
        assertThat(Files.readAllLines(data.resolve("projects/shop/calls.log")))
                .as("the fetched commit %s is in the clone, and its scripts did not run", newer)
                .last()
                .isEqualTo("first-rollback rollback 1.4.1 1.4.0 " + second);
        assertThat(Files.readString(data.resolve("projects/shop/calls.log")))
                .doesNotContain("newer-rollback", "changed-rollback");
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("rollback " + rollback.runId() + " runs the plan and scripts of commit "
                        + second.substring(0, 7));
        assertThat(new String(
                                new ProcessBuilder(
                                                "git",
                                                "-C",
                                                data.resolve("projects/shop/repo")
                                                        .toString(),
                                                "rev-parse",
                                                "HEAD")
                                        .start()
                                        .getInputStream()
                                        .readAllBytes(),
                                StandardCharsets.UTF_8)
                        .strip())
                .as("the server had fetched the newer commit")
                .isEqualTo(newer);
    }
}
