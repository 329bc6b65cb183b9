package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.server.api.FlagSwitchRequest;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
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
 * A flag a run on the server turns off when it rolls back is an entry of the audit log, as a flag turned off through
 * the API is: exactly one, whoever decided, and also when the server could not write it at the time.
 */
class RunFlagAuditTest {

    private static final String TARGET =
            "target: { type: command, deploy: ./deploy.sh, setWeight: ./deploy.sh, promote: ./deploy.sh, rollback: ./deploy.sh }";
    private static final String DEPLOY =
            """
            #!/bin/sh
            shop="$(dirname "$0")/../.."
            # Asked to, the deploy damages the server's audit anchor, keeping a copy: no entry can be appended then.
            if [ "$GANTRY_ACTION" = deploy ] && [ -e "$shop/damage-audit" ]; then
              cp "$shop/../../audit.anchor" "$shop/anchor.kept"
              echo damaged > "$shop/../../audit.anchor"
            fi
            exit 0
            """;
    private static final String PLAN =
            """
            people:
              - { name: Mark Liu, roles: [release-manager] }
            environments:
              - name: staging
                %s
                metrics: { type: command, run: ./metric.sh }
            rollback:
              - { id: DEP-020, metric: error_rate, threshold: "> 2%%", severity: %s }
            rollout:
              canary: { steps: [100%%], watch: 1m, cadence: 30s }
            flags:
              - { name: new-checkout, type: release, release: 1.4.0 }
              - { name: pay-kill, type: kill-switch, enabled: true }
            """;

    @TempDir
    Path dir;

    private GitFixture source;
    private Path data;
    private GantryServer server;
    private final Time.Virtual time = Time.virtual(ServerFixture.T0);
    private ServerClient admin;
    private ServerClient mark;
    private String markToken;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** A server over a plan whose breach of {@code severity} rolls 1.4.0 back, with new-checkout on in staging. */
    private void start(String severity) throws Exception {
        source = GitFixture.init(dir.resolve("shop")).commit("fix: a").tag("v1.3.0");
        Path deploy = source.dir().resolve("deploy.sh");
        Files.writeString(deploy, DEPLOY);
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path metric = source.dir().resolve("metric.sh");
        Files.writeString(metric, "#!/bin/sh\necho 0.05\n");
        Files.setPosixFilePermissions(metric, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(source.dir().resolve("gantry.yaml"), PLAN.formatted(TARGET, severity));
        source.git("add", "-A");
        source.commit("chore: the release plan").commit("feat: search");
        data = dir.resolve("data");
        restart();
        markToken = admin.issue(new TokenRequest("Mark Liu", List.of("operate"), 30))
                .text();
        mark = client(markToken);
        mark.switchFlag("shop", "new-checkout", new FlagSwitchRequest("staging", true, "launch"));
    }

    /** Starts a server on the data folder, as after a stop or a crash: its runs and audit log are the folder's. */
    private void restart() throws Exception {
        if (server != null) server.close();
        server = GantryServer.start(
                new ServerConfig(
                        data,
                        "127.0.0.1",
                        0,
                        List.of(new Project("shop", source.dir().toString()))),
                time,
                new ServerLog(new PrintStream(logged, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC()));
        String token =
                Files.readString(data.resolve(GantryServer.ADMIN_TOKEN_FILE)).strip();
        admin = client(token);
        if (markToken != null) mark = client(markToken);
    }

    private ServerClient client(String token) throws Exception {
        return ServerClient.of("http://127.0.0.1:" + server.port(), token);
    }

    private List<RunLog.Logged> follow(String runId, Predicate<RunEvent> until) throws Exception {
        List<RunLog.Logged> events = new ArrayList<>();
        long after = 0;
        for (int asks = 0; asks < 200; asks++) {
            for (RunLog.Logged event : admin.events("shop", runId, after, 30)) {
                events.add(event);
                after = event.sequence();
                if (until.test(event.event())) return events;
            }
        }
        throw new AssertionError("the run never got there; its events: " + events + "\nserver log:\n" + logged);
    }

    private List<AuditEntry> flagEntries() throws Exception {
        return admin.audit().stream()
                .filter(e -> e.action() == AuditAction.FLAG_SWITCHED)
                .filter(e -> e.subject().startsWith("flag new-checkout turned off"))
                .toList();
    }

    private static RunEvent.FlagTurnedOff turnedOff(List<RunLog.Logged> events) {
        return events.stream()
                .map(RunLog.Logged::event)
                .filter(RunEvent.FlagTurnedOff.class::isInstance)
                .map(RunEvent.FlagTurnedOff.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRollbackAPersonDecidedAuditsEachFlagItTurnedOffOnceAsThatPersonAndARestartAddsNone() throws Exception {
        start("soft");
        RunStarted run = mark.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));
        follow(run.runId(), e -> e instanceof RunEvent.Paused);

        mark.decide("shop", run.runId(), new RunRequest(false, "5% errors is too many"));

        List<RunLog.Logged> events = follow(run.runId(), e -> e instanceof RunEvent.Ended);
        assertThat(((RunEvent.Ended) events.get(events.size() - 1).event()).verdict())
                .isEqualTo(Verdict.ROLLED_BACK);
        RunEvent.FlagTurnedOff off = turnedOff(events);
        assertThat(off.flag()).isEqualTo("new-checkout");
        assertThat(flagEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("Mark Liu");
            assertThat(entry.project()).isEqualTo("shop");
            assertThat(entry.subject())
                    .isEqualTo("flag new-checkout turned off in staging by run " + run.runId()
                            + " (flag change " + off.change()
                            + "): rollback of 1.4.0 in staging: rolled back by Mark Liu: 5% errors is too many");
        });
        assertThat(admin.audit())
                .as("the kill switch is no flag of the release: the rollback leaves it alone")
                .noneMatch(e -> e.subject().contains("pay-kill"));

        restart();

        assertThat(flagEntries()).hasSize(1);
        assertThat(admin.verifyAudit()).isEmpty();
    }

    @Test
    void aFlagTurnedOffWhileTheAuditLogCouldNotBeWrittenIsAuditedOnceWhenTheServerStartsAgain() throws Exception {
        start("hard");
        Path anchor = data.resolve(GantryServer.AUDIT_ANCHOR_FILE);
        Path shop = data.resolve("projects/shop");
        Files.writeString(shop.resolve("damage-audit"), "");
        RunStarted run = mark.release("shop", new ReleaseRequest(source.head(), "staging", null, List.of(), null));

        List<RunLog.Logged> events = follow(run.runId(), e -> e instanceof RunEvent.Ended);
        assertThat(((RunEvent.Ended) events.get(events.size() - 1).event()).verdict())
                .isEqualTo(Verdict.ROLLED_BACK);
        RunEvent.FlagTurnedOff off = turnedOff(events);
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("cannot audit flag new-checkout turned off by run " + run.runId());
        assertThat(flagEntries()).isEmpty();
        Files.copy(shop.resolve("anchor.kept"), anchor, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        restart();

        assertThat(flagEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.actor())
                    .as("no person decided: the watch's breach did")
                    .isEqualTo(FlagAudits.GANTRY);
            assertThat(entry.at()).isEqualTo(off.offAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(entry.subject())
                    .startsWith("flag new-checkout turned off in staging by run " + run.runId() + " (flag change "
                            + off.change() + "): rollback of 1.4.0 in staging: ")
                    .contains("DEP-020");
        });
        restart();
        server.takeUpRuns();
        assertThat(flagEntries()).hasSize(1);
        assertThat(admin.verifyAudit()).isEmpty();
    }
}
