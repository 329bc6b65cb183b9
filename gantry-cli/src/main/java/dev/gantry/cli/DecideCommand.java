package dev.gantry.cli;

import dev.gantry.plan.Environment;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
                    + " lets the release go on (Released-with-override), --rollback rolls it back. The run then"
                    + " carries on in this command.",
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
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        String person = workspace.actor(as);
        Person who = plan.person(person)
                .orElseThrow(() ->
                        new ParameterException(spec.commandLine(), "\"" + person + "\" is not in the plan's people"));
        if (plan.approvals().override().stream().noneMatch(who::holds)) {
            throw new ParameterException(
                    spec.commandLine(),
                    person + " may not decide: it needs one of the roles "
                            + String.join(", ", plan.approvals().override()));
        }
        if (reason.isBlank()) throw new ParameterException(spec.commandLine(), "--reason cannot be empty");
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String version = candidate.version().toString();
        RunState state;
        try (Store store = workspace.openStore()) {
            RunLog runs = new RunLog(store);
            String runId = Runs.unfinished(runs, version, environment)
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(),
                            "no run of " + version + " in " + environment + " waits for a decision"));
            Runs.take(spec, store, environment, runId, clock);
            List<RunLog.Logged> earlier = runs.runs(version, environment).get(runId);
            try (LiveDisplay display =
                    LiveDisplay.open(spec.commandLine().getOut(), plain, plan, candidate.type(), clock, earlier)) {
                var request = Runs.request(workspace, plan, env, candidate, runId, person, null, store, clock, display);
                state = new RunEngine(runs, time).decide(request, choice.proceed, person, reason);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            List<RunLog.Logged> events = runs.runs(version, environment).get(runId);
            if (state.finished()) store.release(environment, runId);
            var report = Runs.writeReport(workspace, store, candidate, env, events, clock);
            spec.commandLine()
                    .getErr()
                    .println("wrote " + workspace.repository().root().relativize(report));
        }
        return Runs.exitCode(state, spec.commandLine().getErr());
    }
}
