package dev.gantry.cli;

import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Lease;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    private final Clock clock;

    StatusCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        List<String> environments = workspace.environments(plan, environment);
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = workspace.openStore()) {
            RunLog log = new RunLog(store);
            for (String env : environments) {
                List<RunLog.Summary> runs = log.history(env);
                if (runs.isEmpty()) {
                    out.println(env + ": no run yet");
                    continue;
                }
                RunLog.Summary last = runs.get(runs.size() - 1);
                List<RunLog.Logged> events = log.runs(last.version(), env).get(last.runId());
                RunView view = RunView.of(events, plan, RunView.typeOf(events), clock.instant());
                out.println(env + ": " + last.version() + " (run " + last.runId()
                        + (last.commit() == null
                                ? ""
                                : ", commit " + last.commit().substring(0, 7)) + "), "
                        + RunViewText.replacing(view));
                RunViewText.lines(view).forEach(line -> out.println("  " + line));
                try {
                    log.verify(last.version(), env, last.runId());
                } catch (RunLog.BrokenChain | RunLog.LostEvents untrusted) {
                    out.println("  WARNING: " + untrusted.getMessage());
                }
                Optional<Lease> lease = store.lease(env);
                lease.filter(l -> view.end().isEmpty())
                        .ifPresent(l -> out.println("  held by run " + l.runId() + " until " + l.expires()
                                + (l.expiredAt(clock.instant()) ? " (expired: another run may take it)" : "")));
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
