package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.Action;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RollbackRequest;
import dev.gantry.server.api.RollbackStarted;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.testing.GitFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code gantry serve} process killed with kill -9 while a person's rollback runs its script, then started again
 * on its data folder: the rollback goes on from its events to Rolled-Back, the script cut off is stopped and run
 * again under its step id, nothing done before is done again, and the record ends true.
 */
class ServerRollbackKillCliTest {

    private static final Pattern SERVING =
            Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/api/ \\(projects: shop\\)");

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process server : servers) server.destroyForcibly().waitFor();
    }

    @Test
    void aServerKilledInTheMiddleOfARollbackFinishesItWhenStartedAgain() throws Exception {
        Path calls = dir.resolve("calls.log");
        Path hold = dir.resolve("hold");
        GitFixture source = repository(calls, hold);

        String first = serve("first");
        ServerClient admin = ServerClient.of(
                first, Files.readString(dir.resolve("data/admin.token")).strip());
        String token = admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        ServerClient mark = ServerClient.of(first, token);
        RunStarted v140 = mark.release("shop", new ReleaseRequest(source.head(), "staging", "canary", List.of(), null));
        assertThat(verdict(follow(mark, v140.runId(), 0, e -> e instanceof RunEvent.Ended)))
                .isEqualTo(Verdict.RELEASED);
        source.tag("v1.4.0").commit("fix: b");
        RunStarted v141 = mark.release("shop", new ReleaseRequest(source.head(), "staging", "canary", List.of(), null));
        assertThat(verdict(follow(mark, v141.runId(), 0, e -> e instanceof RunEvent.Ended)))
                .isEqualTo(Verdict.RELEASED);

        // The rollback's script now says it runs, then waits on the pipe: kill the server in the middle of it.
        Path running = dir.resolve("running");
        for (Path pipe : List.of(hold, running)) {
            assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                    .isZero();
        }
        RollbackStarted rollback = mark.rollback("shop", new RollbackRequest("staging", null, "INC-231: errors"));
        assertThat(CompletableFuture.supplyAsync(() -> read(running)).get(60, TimeUnit.SECONDS))
                .isEqualTo("running");
        List<RunLog.Logged> beforeKill = follow(
                mark, rollback.runId(), 0, e -> e instanceof RunEvent.ActionStarted a && a.action() == Action.ROLLBACK);
        Process killed = servers.get(0);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(hold);
        Files.delete(running);

        ServerClient again = ServerClient.of(serve("second"), token);
        List<RunLog.Logged> afterKill = follow(
                again,
                rollback.runId(),
                beforeKill.get(beforeKill.size() - 1).sequence(),
                e -> e instanceof RunEvent.Ended);
        List<RunLog.Logged> all = new ArrayList<>(beforeKill);
        all.addAll(afterKill);

        RunState state = RunState.of(RunLog.events(all));
        assertThat(state.end().orElseThrow().verdict()).isEqualTo(Verdict.ROLLED_BACK);
        assertThat(state.start().commit()).isEqualTo(v141.commit());
        assertThat(all).filteredOn(e -> e.event() instanceof RunEvent.Started).hasSize(1);
        assertThat(all)
                .filteredOn(e -> e.event() instanceof RunEvent.RollbackDecided)
                .hasSize(1);
        assertThat(all).filteredOn(e -> e.event() instanceof RunEvent.Ended).hasSize(1);
        assertThat(afterKill)
                .as("the handover from the killed server to the new one")
                .anySatisfy(e -> assertThat(e.event()).isInstanceOf(RunEvent.TakenUp.class));
        String stepId =
                ((RunEvent.ActionStarted) beforeKill.get(beforeKill.size() - 1).event()).stepId();
        assertThat(all)
                .filteredOn(e -> e.event() instanceof RunEvent.ActionFinished f
                        && f.stepId().equals(stepId))
                .singleElement()
                .satisfies(e -> {
                    RunEvent.ActionFinished finished = (RunEvent.ActionFinished) e.event();
                    assertThat(finished.ok()).isTrue();
                    assertThat(finished.facts())
                            .as("the script the killed server left waiting was stopped first")
                            .containsKey("stoppedLeftover");
                });
        assertThat(all)
                .as("nothing but the rollback and its smoke test")
                .filteredOn(e -> e.event() instanceof RunEvent.ActionStarted a && a.action() != Action.ROLLBACK)
                .isEmpty();

        List<String> lines = Files.readAllLines(calls);
        assertThat(lines.subList(0, lines.size() - 2))
                .as("each release's actions ran once, before the rollback")
                .doesNotHaveDuplicates()
                .contains("deploy 1.4.0 " + v140.commit(), "deploy 1.4.1 " + v141.commit())
                .noneMatch(line -> line.startsWith("rollback"));
        assertThat(lines.subList(lines.size() - 2, lines.size()))
                .as("the rollback cut off is run again, under its step id, once")
                .containsExactly(
                        "rollback 1.4.1 " + v141.commit() + " " + stepId,
                        "rollback 1.4.1 " + v141.commit() + " " + stepId);
        assertThat(again.status("shop", Optional.of("staging"))
                        .get(0)
                        .last()
                        .orElseThrow()
                        .summary())
                .satisfies(last -> {
                    assertThat(last.runId()).isEqualTo(rollback.runId());
                    assertThat(last.end().orElseThrow().verdict()).isEqualTo(Verdict.ROLLED_BACK);
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> again.rollback("shop", new RollbackRequest("staging", null, "x")))
                .as("1.4.0 is live again, with nothing released before it")
                .hasMessageContaining("no version was released in staging before 1.4.0");

        Process second = servers.get(1);
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path reports = dir.resolve("data/projects/shop/reports/v1.4.1");
        assertThat(reports.resolve("rollback-" + rollback.runId() + ".md"))
                .content()
                .contains("Rolled-Back", "taken up at ");
        try (var files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("a rollback's report never stands in for the release's")
                    .noneMatch(name -> name.startsWith("report-") && name.contains(rollback.runId()));
        }
    }

    /** What a pipe's writer wrote, read once it opened the pipe and closed it. */
    private static String read(Path pipe) {
        try {
            return Files.readString(pipe).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Verdict verdict(List<RunLog.Logged> events) {
        return RunState.of(RunLog.events(events)).end().orElseThrow().verdict();
    }

    /**
     * A shop whose script writes each call to {@code calls}; when {@code hold} is there, its rollback says so on the
     * pipe {@code running} and waits on {@code hold}.
     */
    private GitFixture repository(Path calls, Path hold) throws Exception {
        GitFixture source =
                GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(
                deploy,
                """
                #!/bin/sh
                if [ "$GANTRY_ACTION" = rollback ]; then
                  echo "rollback $GANTRY_VERSION $GANTRY_COMMIT $GANTRY_STEP_ID" >> '%s'
                  if [ -e '%s' ]; then echo running > '%s'; read line < '%s'; fi
                else
                  echo "$GANTRY_ACTION $GANTRY_VERSION $GANTRY_COMMIT" >> '%s'
                fi
                exit 0
                """
                        .formatted(calls, hold, dir.resolve("running"), hold, calls));
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                source.dir().resolve("gantry.yaml"),
                """
                people:
                  - { name: Mark Liu, roles: [release-manager] }
                environments:
                  - name: staging
                    target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }
                validation:
                  - { id: DEP-030, title: Smoke, check: { type: command, run: "sh -c true" } }
                rollout:
                  canary: { steps: [100%], watch: 1s, cadence: 1s }
                """);
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        return source;
    }

    /** Starts {@code gantry serve} on the test's data folder; its address. */
    private String serve(String name) throws Exception {
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--data",
                        dir.resolve("data").toString(),
                        "--port",
                        "0",
                        "--project",
                        "shop=" + dir.resolve("shop"))
                .redirectError(dir.resolve(name + ".log").toFile())
                .start();
        servers.add(server);
        String first =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(first).as(Files.readString(dir.resolve(name + ".log"))).isNotNull();
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
        throw new AssertionError("the run never got there; its events: " + events + "\nlogs:\n"
                + Files.readString(dir.resolve("first.log")));
    }
}
