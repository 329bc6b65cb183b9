package dev.gantry.cli;

import dev.gantry.gate.CheckContext;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.rollout.Verdict;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
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
final class ReleaseCommand implements Callable<Integer> {

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

    private final Clock clock;

    ReleaseCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        Environment env = plan.environment(environment)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "unknown environment \"" + environment + "\"; the plan has: "
                                + String.join(
                                        ", ",
                                        plan.environments().stream()
                                                .map(Environment::name)
                                                .toList())));
        if (env.target() == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "environment " + environment
                            + " has no target: add target: { type: command, deploy: [...], rollback: [...] } to it");
        }
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
                        .anyMatch(s -> s.end()
                                .filter(e -> e.verdict() == Verdict.RELEASED
                                        || e.verdict() == Verdict.RELEASED_WITH_OVERRIDE)
                                .isPresent());
                if (!released) {
                    throw new ParameterException(
                            spec.commandLine(),
                            environment + " requires " + required + ", which has not released " + version
                                    + " yet: run gantry release " + required);
                }
            }
            String runId = unfinished(runs, version)
                    .orElseGet(() -> environment + "-" + version + "-"
                            + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                    .format(clock.instant().atZone(java.time.ZoneOffset.UTC)));
            CheckContext checks = new CheckContext(
                    workspace.repository().root(),
                    workspace.repository(),
                    plan,
                    environment,
                    candidate.version(),
                    candidate.tag(),
                    candidate.previousTag(),
                    candidate.commit(),
                    candidate.type(),
                    candidate.breaking(),
                    clock,
                    new ReleaseLog(store),
                    System.getenv());
            var request = new RunEngine.Request(
                    runId,
                    environment,
                    candidate.version(),
                    candidate
                            .previousTag()
                            .flatMap(t -> plan.versioning().tagPattern().versionOf(t)),
                    candidate.commit(),
                    candidate.type(),
                    actor,
                    strategy(),
                    plan,
                    env.target(),
                    Optional.ofNullable(env.metrics()),
                    checks);
            state = new RunEngine(runs, new Time.SystemTime(clock)).run(request);
            print(runs.runs(version, environment).get(runId));
        }
        if (state.waiting().isPresent()) {
            spec.commandLine()
                    .getErr()
                    .println("waiting for a person: " + state.waiting().get().reason());
            return ExitCode.WAITING;
        }
        RunEvent.Ended end = state.end().orElseThrow();
        return switch (end.verdict()) {
            case RELEASED, RELEASED_WITH_OVERRIDE -> ExitCode.OK;
            case ROLLED_BACK -> ExitCode.ROLLED_BACK;
            case ABORTED -> ExitCode.ABORTED;
        };
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

    /** The run of this version here that has not ended, if any: running again continues it. */
    private Optional<String> unfinished(RunLog runs, String version) throws Exception {
        for (Map.Entry<String, List<RunLog.Logged>> run :
                runs.runs(version, environment).entrySet()) {
            if (!RunState.of(RunLog.events(run.getValue())).finished()) return Optional.of(run.getKey());
        }
        return Optional.empty();
    }

    /** The run, one line per event, for the terminal and CI logs. */
    private void print(List<RunLog.Logged> events) {
        PrintWriter out = spec.commandLine().getOut();
        for (RunLog.Logged logged : events) {
            out.println(logged.at() + "  " + RunLines.of(logged.event()));
        }
        out.flush();
    }
}
