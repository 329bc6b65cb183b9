package dev.gantry.cli;

import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
        name = "release",
        sortOptions = false,
        description = {
            "Run the release into ENV: the gate, the strategy, the target's actions step by step, the smoke test,"
                    + " the watch window with the rollback triggers, and then Released or Rolled-Back.",
            "Refused when an environment ENV requires has not released this version. Run again after a crash"
                    + " (or with 'gantry resume'), it continues the same run: finished actions are not repeated."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry release staging",
            "  gantry release production --strategy canary --as \"Mark Liu\"",
            "",
            "Exit codes: 0 Released, 5 Rolled-Back, 6 Aborted, 7 waiting for a person, 2 refused."
        })
class ReleaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment the release goes into.")
    String environment;

    @Option(
            names = "--strategy",
            paramLabel = "STRATEGY",
            description = "all-at-once, rolling, blue-green or canary (default: the plan's, else the release type's).")
    String strategy;

    @Option(names = "--as", paramLabel = "NAME", description = "Who runs the release (default: git user.name).")
    String as;

    @Option(
            names = "--plain",
            description = "One line per event even on a terminal, as in a CI log (also GANTRY_PLAIN=1).")
    boolean plain;

    private final Time time;
    private final Clock clock;

    ReleaseCommand(Time time) {
        this.time = time;
        this.clock = time.clock();
    }

    /** Whether only a run that has not ended may go on; {@code gantry resume} says so. */
    boolean resumeOnly() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String version = candidate.version().toString();
        String actor = workspace.actor(as);
        RunState state;
        try (Store store = workspace.openStore()) {
            RunLog runs = new RunLog(store);
            for (String required : env.requires()) {
                boolean released = runs.runs(version, required).values().stream()
                        .map(events -> RunState.of(RunLog.events(events)))
                        .anyMatch(
                                s -> s.end().filter(e -> e.verdict().released()).isPresent());
                if (!released) {
                    throw new ParameterException(
                            spec.commandLine(),
                            environment + " requires " + required + ", which has not released " + version
                                    + " yet: run gantry release " + required);
                }
            }
            Optional<String> unfinished = Runs.unfinished(runs, version, environment);
            if (unfinished.isEmpty() && resumeOnly()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "no run of " + version + " in " + environment + " is unfinished: gantry release " + environment
                                + " starts one");
            }
            String runId = unfinished.orElseGet(() -> environment + "-" + version
                    + "-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                            .format(clock.instant().atZone(ZoneOffset.UTC)));
            Runs.take(spec, store, environment, runId, clock);
            List<RunLog.Logged> earlier = runs.runs(version, environment).getOrDefault(runId, List.of());
            try (LiveDisplay display =
                    LiveDisplay.open(spec.commandLine().getOut(), plain, plan, candidate.type(), clock, earlier)) {
                var request =
                        Runs.request(workspace, plan, env, candidate, runId, actor, strategy(), store, clock, display);
                state = new RunEngine(runs, time).run(request);
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

    private Strategy strategy() {
        if (strategy == null) return null;
        try {
            return Strategy.valueOf(strategy.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--strategy: expected all-at-once, rolling, blue-green" + " or canary, got \"" + strategy + "\"");
        }
    }
}
