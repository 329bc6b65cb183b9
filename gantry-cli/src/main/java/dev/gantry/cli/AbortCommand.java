package dev.gantry.cli;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.RunRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Lease;
import dev.gantry.store.Store;
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
        name = "abort",
        sortOptions = false,
        description = {
            "Stop the running or waiting run in ENV now: it rolls back whatever it changed, as a person's rollback in"
                    + " its report. When a coordinator runs it in another terminal, that coordinator rolls it back"
                    + " within a couple of seconds; otherwise this command does.",
            "Anyone among the plan's people may abort; the reason is kept."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry abort production --as \"Mark Liu\" --reason \"checkout errors reported by support\"",
            "",
            "Exit codes: 0 asked (another coordinator rolls it back), 5 Rolled-Back, 6 Aborted (nothing live was"
                    + " changed), 9 Rollback-Failed, 2 refused."
        })
final class AbortCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment whose run stops.")
    String environment;

    @Option(names = "--as", paramLabel = "NAME", description = "Who aborts (default: git user.name).")
    String as;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Option(
            names = "--plain",
            description = "One line per event even on a terminal, as in a CI log (also GANTRY_PLAIN=1).")
    boolean plain;

    private final Time time;
    private final Clock clock;

    AbortCommand(Time time) {
        this.time = time;
        this.clock = time.clock();
    }

    @Override
    public Integer call() throws Exception {
        if (server.remote()) {
            if (as != null)
                throw new ParameterException(
                        spec.commandLine(), "--as cannot be used with a server: an abort is the token's person's");
            ServerClient client = server.client();
            String project = server.project(client);
            String runId = RemoteRuns.unfinished(client, project, environment, spec);
            client.abort(project, runId, new RunRequest(false, reason));
            spec.commandLine().getErr().println("asked: the server running run " + runId + " stops it");
            return RemoteRuns.follow(client, project, runId, spec, false);
        }
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        String person = workspace.actor(as);
        try {
            ReleaseService.mayStop(plan, person, reason);
        } catch (Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunState state;
        try (Store store = workspace.openStore()) {
            ReleaseService service = new ReleaseService(store, time, Coordinator.thisProcess());
            RunBinding run = service.unfinished(environment)
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(),
                            "no run in " + environment + " is running or waiting; to take a released version back,"
                                    + " use gantry rollback " + environment));
            Optional<Lease> watcher = service.watchedByAnother(environment, run.runId());
            service.ask(run, new RunEvent.Requested(RunEvent.Requested.Ask.ABORT, person, reason));
            if (watcher.isPresent()) {
                spec.commandLine()
                        .getOut()
                        .println("asked: the coordinator of run " + run.runId() + " ("
                                + watcher.get().holder() + ") rolls it back now; follow it with gantry status "
                                + environment);
                return ExitCode.OK;
            }
            state = Runs.carryOn(spec, workspace, release, service, store, env, run, person, time, true, plain);
        }
        return Runs.exitCode(state, spec.commandLine().getErr());
    }
}
