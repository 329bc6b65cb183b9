package dev.gantry.cli;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.RollbackRequest;
import dev.gantry.server.api.RollbackStarted;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import dev.gantry.version.Version;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "rollback",
        sortOptions = false,
        description = {
            "Take the version released in ENV back to the one released before it (or --to VERSION), as a run of its"
                    + " own with its own report: the target's rollback, a smoke test of the version brought back,"
                    + " the notification channels told.",
            "For a run still going on, use gantry abort. Anyone among the plan's people may roll back; the reason"
                    + " is kept."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry rollback production --as \"Mark Liu\" --reason \"INC-231: checkout errors since 1.4.0\"",
            "  gantry rollback production --to 1.2.0 --as \"Mark Liu\" --reason \"...\"",
            "  gantry rollback production --server https://gantry.example.com --reason \"INC-231\"",
            "",
            "Exit codes: 5 Rolled-Back, 9 Rollback-Failed, 2 refused."
        })
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment whose released version goes back.")
    String environment;

    @Option(
            names = "--to",
            paramLabel = "VERSION",
            description = "The version to bring back (default: the one" + " released before the version live now).")
    String to;

    @Option(names = "--as", paramLabel = "NAME", description = "Who rolls back (default: git user.name).")
    String as;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: the incident.")
    String reason;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--plain",
            description = "One line per event even on a terminal, as in a CI log (also GANTRY_PLAIN=1).")
    boolean plain;

    private final Time time;
    private final Clock clock;

    RollbackCommand(Time time) {
        this.time = time;
        this.clock = time.clock();
    }

    @Override
    public Integer call() throws Exception {
        if (server.remote()) return remote();
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        String person = workspace.actor(as);
        try {
            ReleaseService.mayStop(plan, person, reason);
        } catch (Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<String> back = Optional.ofNullable(to)
                .map(v -> Version.parse(v.startsWith("v") ? v.substring(1) : v).toString());
        RunState state;
        try (Store store = workspace.openStore()) {
            ReleaseService service = new ReleaseService(store, time, Coordinator.thisProcess());
            if (service.unfinished(environment).isPresent()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "a run in " + environment + " has not ended: stop it with gantry abort " + environment
                                + ", or take it up with gantry resume " + environment);
            }
            ReleaseService.RollbackPlan rollback;
            String runId;
            try {
                rollback = service.rollbackPlan(environment, back);
                runId = service.newRunId(
                        environment, Version.parse(rollback.live().version()));
                service.take(environment, runId);
            } catch (Refused e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine()
                    .getErr()
                    .println("rolling " + environment + " back from "
                            + rollback.live().version() + " (commit "
                            + rollback.live().commit().substring(0, 7) + ") to "
                            + rollback.back().version()
                            + " (commit " + rollback.back().commit().substring(0, 7) + ")");
            RunBinding run = new RunBinding(
                    runId,
                    environment,
                    rollback.live().version(),
                    rollback.live().commit());
            try (LiveDisplay display = LiveDisplay.open(
                    spec.commandLine().getOut(),
                    plain,
                    plan,
                    dev.gantry.version.ReleaseType.PATCH,
                    clock,
                    java.util.List.of())) {
                state = service.rollback(
                        new ReleaseService.RollbackOrder(
                                plan,
                                env,
                                back,
                                person,
                                reason,
                                workspace.repository().root(),
                                workspace.repository(),
                                System.getenv(),
                                new RunEngine.Observer() {
                                    @Override
                                    public void afterEach(RunLog.Logged event) {
                                        display.show(event);
                                    }
                                }),
                        rollback,
                        runId);
            }
            Runs.rollbackReport(spec, workspace, store, run, env, service.events(run), clock);
        }
        return Runs.exitCode(state, spec.commandLine().getErr());
    }

    /** The server rolls back, as this command would, and this command follows the rollback's run. */
    private int remote() throws Exception {
        if (as != null) {
            throw new ParameterException(
                    spec.commandLine(), "--as cannot be used with a server: a rollback is made by the token's person");
        }
        ServerClient client = server.client();
        String project = server.project(client);
        RollbackStarted started = client.rollback(project, new RollbackRequest(environment, to, reason));
        spec.commandLine()
                .getErr()
                .println("the server runs " + started.runId() + ": rolling " + environment + " back from "
                        + started.fromVersion() + " (commit "
                        + started.fromCommit().substring(0, 7) + ") to "
                        + started.toVersion()
                        + (started.toCommit() == null
                                ? ""
                                : " (commit " + started.toCommit().substring(0, 7) + ")"));
        return RemoteRuns.follow(client, project, started.runId(), spec, false);
    }
}
