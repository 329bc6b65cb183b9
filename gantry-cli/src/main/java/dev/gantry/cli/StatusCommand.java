package dev.gantry.cli;

import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.coordinate.StatusQuery;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunLog;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show where each environment stands: the last run's version, phase and step, weight, each rollback"
                    + " trigger's last sample against its threshold, the time left in the watch window, whether it"
                    + " waits for a person (and the command that decides), and which run holds the environment."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry status", "  gantry status production"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    private final Clock clock;

    StatusCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (server.remote()) {
            ServerClient client = server.client();
            print(
                    client.status(server.project(client), Optional.ofNullable(environment)),
                    spec.commandLine().getOut(),
                    true);
            return ExitCode.OK;
        }
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        List<String> environments = workspace.environments(plan, environment);
        List<EnvironmentStatus> statuses;
        try (Store store = workspace.openStore()) {
            statuses = new StatusQuery(store).of(plan, environments, clock.instant());
        }
        print(statuses, spec.commandLine().getOut(), false);
        return ExitCode.OK;
    }

    /** Prints each environment's status as {@code gantry status} shows it, whether read here or from a server. */
    static void print(List<EnvironmentStatus> statuses, PrintWriter out, boolean onServer) {
        for (EnvironmentStatus status : statuses) {
            if (status.last().isEmpty()) {
                out.println(status.environment() + ": no run yet");
                continue;
            }
            EnvironmentStatus.LastRun last = status.last().get();
            RunLog.Summary run = last.summary();
            out.println(status.environment() + ": " + run.version() + " (run " + run.runId()
                    + (run.commit() == null ? "" : ", commit " + run.commit().substring(0, 7)) + "), "
                    + RunViewText.replacing(last.view()));
            RunViewText.lines(last.view(), onServer).forEach(line -> out.println("  " + line));
            last.untrusted().ifPresent(why -> out.println("  WARNING: " + why));
            last.heldBy()
                    .ifPresent(hold -> out.println("  held by run " + hold.runId() + " until " + hold.expires()
                            + (hold.expired() ? " (expired: another run may take it)" : "")));
        }
        out.flush();
    }
}
