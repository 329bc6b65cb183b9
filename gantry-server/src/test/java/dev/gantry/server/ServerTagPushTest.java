package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.RunView;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tags a server's runs make in its clone go to the origin, a bare repository on disk: a push the origin
 * refuses leaves the release Released, is recorded and shown, and goes through after the next release.
 */
class ServerTagPushTest {

    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
            environments:
              - name: staging
                target: { type: command, deploy: ./deploy.sh, rollback: ./deploy.sh }
            rollout:
              tagIn: [staging]
            """;

    @TempDir
    Path dir;

    private GitFixture work;
    private Path origin;
    private Path data;
    private GantryServer server;
    private ServerClient mark;
    private String token;
    private final Time.Virtual time = Time.virtual(ServerFixture.T0);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** A shop pushed to a bare repository, which the server clones. */
    private void start() throws Exception {
        work = GitFixture.init(dir.resolve("work")).commit("fix: a").tag("v1.3.0");
        Path deploy = work.dir().resolve("deploy.sh");
        Files.writeString(deploy, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(work.dir().resolve("gantry.yaml"), PLAN);
        work.git("add", "-A");
        work.commit("chore: the release plan").commit("feat: search");
        origin = dir.resolve("shop.git");
        work.git("clone", "--quiet", "--bare", work.dir().toString(), origin.toString());
        work.git("remote", "add", "origin", origin.toString());
        data = dir.resolve("data");
        server = serve();
        ServerClient admin = ServerClient.of(
                "http://127.0.0.1:" + server.port(),
                Files.readString(data.resolve("admin.token")).strip());
        token = admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        mark = ServerClient.of("http://127.0.0.1:" + server.port(), token);
    }

    private GantryServer serve() throws Exception {
        return GantryServer.start(
                new ServerConfig(data, "127.0.0.1", 0, List.of(new Project("shop", origin.toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
    }

    /** A hook of the origin that refuses every push, saying why. */
    private Path refuse() throws Exception {
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'tags are frozen this week' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        return hook;
    }

    private List<RunLog.Logged> follow(String runId, Predicate<RunEvent> until) throws Exception {
        List<RunLog.Logged> events = new ArrayList<>();
        long after = 0;
        for (int asks = 0; asks < 200; asks++) {
            for (RunLog.Logged event : mark.events("shop", runId, after, 30)) {
                events.add(event);
                after = event.sequence();
                if (until.test(event.event())) return events;
            }
        }
        throw new AssertionError("the run never got there; its events: " + events + "\nserver log:\n" + logged);
    }

    private RunStarted release() throws Exception {
        return mark.release("shop", new ReleaseRequest(work.head(), "staging", "all-at-once", List.of(), null));
    }

    /** The commit the origin's tag names, or empty when the origin has no such tag. */
    private Optional<String> originTag(String tag) throws Exception {
        Process git = new ProcessBuilder(
                        "git", "-C", origin.toString(), "rev-parse", "--verify", "--quiet", tag + "^{commit}")
                .start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return git.waitFor() == 0 ? Optional.of(out) : Optional.empty();
    }

    private RunView.TagPush statusTagPush() throws Exception {
        return mark.status("shop", Optional.of("staging"))
                .get(0)
                .last()
                .orElseThrow()
                .view()
                .tagPush()
                .orElseThrow();
    }

    /** The Markdown report the server wrote of the one run of {@code version}. */
    private Path report(String version) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.list(data.resolve("projects/shop/reports/" + version))) {
            return files.filter(f -> f.toString().endsWith(".md")).findFirst().orElseThrow();
        }
    }

    @Test
    void theTagARunMakesReachesTheOriginAndTheRecordSaysSo() throws Exception {
        start();

        RunStarted run = release();
        List<RunLog.Logged> events = follow(run.runId(), e -> e instanceof RunEvent.TagPushed);

        assertThat(RunState.of(RunLog.events(events)).end().orElseThrow().verdict())
                .isEqualTo(Verdict.RELEASED);
        RunEvent.TagPushed pushed =
                (RunEvent.TagPushed) events.get(events.size() - 1).event();
        assertThat(pushed).isEqualTo(new RunEvent.TagPushed("v1.4.0", run.commit(), origin.toString()));
        assertThat(originTag("v1.4.0")).contains(run.commit());
        assertThat(statusTagPush()).isEqualTo(new RunView.TagPush("v1.4.0", origin.toString(), true, "", false));

        server.close(); // waits for the run's thread, which logs the push and writes the report after it
        server = null;
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("project shop: pushed tag v1.4.0 to " + origin);
        assertThat(report("v1.4.0"))
                .content()
                .contains("tagged " + run.commit().substring(0, 7) + " as v1.4.0", "pushed tag v1.4.0 to " + origin);
    }

    @Test
    void aPushTheOriginRefusesLeavesTheReleaseReleasedIsShownAndGoesThroughAfterTheNextRelease() throws Exception {
        start();
        Path hook = origin.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'tags are frozen this week' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        RunStarted first = release();
        List<RunLog.Logged> events = follow(first.runId(), e -> e instanceof RunEvent.TagPushFailed);

        assertThat(RunState.of(RunLog.events(events)).end().orElseThrow().verdict())
                .as("the release stands")
                .isEqualTo(Verdict.RELEASED);
        RunEvent.TagPushFailed failed =
                (RunEvent.TagPushFailed) events.get(events.size() - 1).event();
        assertThat(failed.tag()).isEqualTo("v1.4.0");
        assertThat(failed.reason()).contains("pre-receive hook declined", "tags are frozen this week");
        assertThat(events).noneMatch(e -> e.event() instanceof RunEvent.TagPushed);
        assertThat(originTag("v1.4.0")).isEmpty();
        RunView.TagPush shown = statusTagPush();
        assertThat(shown.pushed()).isFalse();
        assertThat(shown.problem()).contains("tags are frozen this week");

        // The origin takes tags again; the next release pushes its own tag and the one refused before.
        Files.delete(hook);
        work.commit("fix: b").git("push", "--quiet", "origin", "main");
        RunStarted second = release();
        follow(second.runId(), e -> e instanceof RunEvent.TagPushed);
        List<RunLog.Logged> again = follow(first.runId(), e -> e instanceof RunEvent.TagPushed);

        assertThat(originTag("v1.4.1")).contains(second.commit());
        assertThat(originTag("v1.4.0")).contains(first.commit());
        assertThat(again)
                .extracting(RunLog.Logged::event)
                .filteredOn(e -> e instanceof RunEvent.TagPushed || e instanceof RunEvent.TagPushFailed)
                .hasSize(2)
                .last()
                .isEqualTo(new RunEvent.TagPushed("v1.4.0", first.commit(), origin.toString()));
        server.close();
        server = null;
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains(
                        "project shop: could not push tag v1.4.0 to " + origin,
                        "project shop: pushed tag v1.4.1 to " + origin,
                        "project shop: pushed tag v1.4.0 to " + origin);
        assertThat(report("v1.4.0"))
                .content()
                .as("the report written when the run ended says the push failed")
                .contains("could not push tag v1.4.0 to " + origin, "tags are frozen this week");
    }

    @Test
    void aRefusedTagIsPushedWhenTheServerStartsAgain() throws Exception {
        start();
        Path hook = refuse();
        RunStarted run = release();
        follow(run.runId(), e -> e instanceof RunEvent.TagPushFailed);
        server.close();
        Files.delete(hook);

        server = serve();
        mark = ServerClient.of("http://127.0.0.1:" + server.port(), token);
        List<RunLog.Logged> events = follow(run.runId(), e -> e instanceof RunEvent.TagPushed);

        assertThat(originTag("v1.4.0")).contains(run.commit());
        assertThat(events)
                .extracting(RunLog.Logged::event)
                .filteredOn(e -> e instanceof RunEvent.TagPushed || e instanceof RunEvent.TagPushFailed)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("TagPushFailed", "TagPushed");
        assertThat(statusTagPush()).isEqualTo(new RunView.TagPush("v1.4.0", origin.toString(), true, "", false));
    }

    @Test
    void aTagTheOriginGotOnAnotherCommitMeanwhileIsNeverReportedPushed() throws Exception {
        start();
        Path hook = refuse();
        RunStarted run = release();
        follow(run.runId(), e -> e instanceof RunEvent.TagPushFailed);
        server.close();
        // Someone tags another commit v1.4.0 at the origin; the server's next fetch brings that tag over its own.
        Files.delete(hook);
        String other = work.git("rev-parse", "HEAD~1").strip();
        work.git("tag", "v1.4.0", other);
        work.git("push", "--quiet", "origin", "refs/tags/v1.4.0");

        server = serve();
        mark = ServerClient.of("http://127.0.0.1:" + server.port(), token);
        List<RunLog.Logged> events = follow(run.runId(), e -> e instanceof RunEvent.TagPushFailed f && f.settled());

        assertThat(originTag("v1.4.0")).contains(other);
        assertThat(events).extracting(RunLog.Logged::event).noneMatch(e -> e instanceof RunEvent.TagPushed);
        RunEvent.TagPushFailed settled =
                (RunEvent.TagPushFailed) events.get(events.size() - 1).event();
        assertThat(settled.reason())
                .isEqualTo(
                        "the origin holds v1.4.0 on commit " + other + ", not on the release's commit " + run.commit());
        assertThat(statusTagPush().pushed()).isFalse();
    }
}
