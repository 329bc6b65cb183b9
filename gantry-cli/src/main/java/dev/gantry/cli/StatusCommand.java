package dev.gantry.cli;

import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.store.Lease;
import dev.gantry.store.Store;
import java.io.PrintWriter;
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
            "Show where each environment stands: the last run's version, phase, weight, whether it waits for a person,"
                    + " its last samples against their triggers, and who holds the environment."
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

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        List<String> environments = environment != null
                ? List.of(environment)
                : plan.environments().stream().map(Environment::name).toList();
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
                RunState state = RunState.of(RunLog.events(events));
                String where = state.end()
                        .map(e -> e.verdict().label() + ": " + e.reason())
                        .or(() -> state.waiting().map(p -> "waiting for a person: " + p.reason()))
                        .orElse("phase " + state.phase().number() + " ("
                                + state.phase().title() + ")");
                out.println(env + ": " + last.version() + " (run " + last.runId() + ") " + where + "; weight "
                        + state.weight() + "%");
                Optional<Lease> lease = store.lease(env);
                lease.filter(l -> !state.finished())
                        .ifPresent(l -> out.println("  held by run " + l.runId() + " until " + l.expires()));
                events.stream()
                        .map(RunLog.Logged::event)
                        .filter(RunEvent.Sampled.class::isInstance)
                        .map(RunEvent.Sampled.class::cast)
                        .reduce((a, b) -> b)
                        .ifPresent(s -> out.println("  last sample: " + RunLines.of(s)));
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
