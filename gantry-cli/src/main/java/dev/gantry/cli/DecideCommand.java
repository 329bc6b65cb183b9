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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "decide",
        sortOptions = false,
        description = {
            "Decide on a run that waits for a person (a soft breach, a failed smoke test that pauses): --continue"
                    + " lets the release go on (Released-with-override), --rollback rolls it back. When a"
                    + " coordinator still watches the run, it carries the run on; otherwise this command does.",
            "Only a person holding a role of approvals.override may decide, and the reason is kept."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry decide production --continue --as \"Mark Liu\" --reason \"known spike from the batch job\""
        })
final class DecideCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment whose run waits.")
    String environment;

    static final class Choice {
        @Option(names = "--continue", required = true, description = "Let the release go on.")
        boolean proceed;

        @Option(names = "--rollback", required = true, description = "Roll the release back.")
        boolean rollback;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Option(names = "--as", paramLabel = "NAME", description = "Who decides (default: git user.name).")
    String as;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Option(names = "--detach", description = "Leave if the run waits for a person again, instead of watching it.")
    boolean detach;

    @Option(
            names = "--plain",
            description = "One line per event even on a terminal, as in a CI log (also GANTRY_PLAIN=1).")
    boolean plain;

    private final Time time;
    private final Clock clock;

    DecideCommand(Time time) {
        this.time = time;
        this.clock = time.clock();
    }

    @Override
    public Integer call() throws Exception {
        if (server.remote()) {
            if (as != null)
                throw new ParameterException(
                        spec.commandLine(), "--as cannot be used with a server: a decision is the token's person's");
            ServerClient client = server.client();
            String project = server.project(client);
            String runId = RemoteRuns.unfinished(client, project, environment, spec);
            client.decide(project, runId, new RunRequest(choice.proceed, reason));
            spec.commandLine().getErr().println("asked: the server running run " + runId + " answers it");
            return RemoteRuns.follow(client, project, runId, spec, detach);
        }
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        String person = workspace.actor(as);
        try {
            ReleaseService.mayDecide(plan, person);
        } catch (Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            ReleaseService.reason(reason);
        } catch (Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunState state;
        try (Store store = workspace.openStore()) {
            ReleaseService service = new ReleaseService(store, time, Coordinator.thisProcess());
            Optional<RunBinding> unfinished = service.unfinished(environment);
            if (unfinished.isEmpty()
                    || service.state(unfinished.get()).waiting().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no run in " + environment + " waits for a decision");
            }
            RunBinding run = unfinished.get();
            RunEvent.Requested asked = new RunEvent.Requested(
                    choice.proceed ? RunEvent.Requested.Ask.CONTINUE : RunEvent.Requested.Ask.ROLL_BACK,
                    person,
                    reason);
            Optional<Lease> watcher = service.watchedByAnother(environment, run.runId());
            service.ask(run, asked);
            if (watcher.isPresent()) {
                // The coordinator watching the run answers the request within one poll and carries the run on.
                spec.commandLine()
                        .getOut()
                        .println("asked: the coordinator watching run " + run.runId() + " ("
                                + watcher.get().holder()
                                + ") carries it on with your decision; follow it with gantry status " + environment);
                return ExitCode.OK;
            }
            state = Runs.carryOn(spec, workspace, release, service, store, env, run, person, time, detach, plain);
        }
        return Runs.exitCode(state, spec.commandLine().getErr());
    }
}
