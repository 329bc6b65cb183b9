package dev.gantry.cli;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.coordinate.RunBinding;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.ReleaseRequest;
import dev.gantry.server.api.RunStarted;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
            "Refused when an environment ENV requires has not released this commit. Run again after a crash"
                    + " (or with 'gantry resume'), it takes up the same run, bound to the commit it started with:"
                    + " finished actions are not repeated.",
            "At a pause or a soft breach the run keeps watching its metrics until someone decides from another"
                    + " terminal (gantry decide), unless --detach."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry release staging",
            "  gantry release production --strategy canary --as \"Mark Liu\"",
            "",
            "Exit codes: 0 Released, 5 Rolled-Back, 6 Aborted, 7 waiting for a person (with --detach), 9 Rollback-Failed,"
                    + " 2 refused."
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

    @Option(
            names = "--detach",
            description = "Leave when the run waits for a person, instead of watching its metrics until someone"
                    + " decides; the run then says that nobody watches it.")
    boolean detach;

    @Option(
            names = "--override",
            paramLabel = "DEP-ID",
            description = "Let the release pass this unmet criterion of the gate (repeatable); needs --as and"
                    + " --reason. Recorded for the release commit, as gantry gate --override does.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the overridden criteria may stay unmet.")
    String reason;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--commit",
            paramLabel = "REF",
            description = "With a server: the commit released (default: HEAD of the repository here).")
    String commit;

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
        if (server.remote()) return remote();
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        String actor = workspace.actor(as);
        RunState state;
        try (Store store = workspace.openStore()) {
            ReleaseService service = new ReleaseService(store, time, Coordinator.thisProcess());
            Optional<RunBinding> unfinished = service.unfinished(environment);
            String takingUp = null;
            Candidate candidate;
            String runId;
            if (unfinished.isPresent()) {
                RunBinding run = unfinished.get();
                if (strategy != null) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--strategy: run " + run.runId() + " is taken up with the strategy it chose when it"
                                    + " started; a run of another strategy starts after this one has ended");
                }
                candidate = release.candidateAt(workspace, LocalDate.now(clock), run.commit(), run.version());
                runId = run.runId();
                String head = workspace.repository().resolve("HEAD");
                takingUp = "taking up run " + runId + " of " + run.version() + ", bound to commit "
                        + run.commit().substring(0, 7)
                        + (head.equals(run.commit()) ? "" : " (HEAD is " + head.substring(0, 7) + ")");
            } else {
                if (resumeOnly()) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "no run in " + environment + " is unfinished: gantry release " + environment
                                    + " starts one");
                }
                Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
                if (found.isEmpty()) return workspace.nothingToRelease();
                candidate = found.get();
                try {
                    service.requireReleased(env, candidate.version().toString(), candidate.commit());
                } catch (Refused e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                runId = service.newRunId(environment, candidate.version());
            }
            try {
                service.take(environment, runId);
            } catch (Refused e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (takingUp != null) spec.commandLine().getErr().println(takingUp);
            RunBinding run =
                    new RunBinding(runId, environment, candidate.version().toString(), candidate.commit());
            // A run taken up reads its plan and scripts at its own commit, whatever HEAD is now.
            RunFiles files = unfinished.isPresent()
                    ? RunFiles.of(workspace, run)
                    : new RunFiles(workspace.repository().root(), plan, Optional.empty());
            try {
                // Checked and recorded for the release's commit, as gantry gate --override does.
                service.override(
                        files.plan(), workspace.repository(), candidate, environment, overrides, actor, reason);
            } catch (Refused e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            List<RunLog.Logged> earlier = service.events(run);
            try (LiveDisplay display = LiveDisplay.open(
                    spec.commandLine().getOut(), plain, files.plan(), candidate.type(), clock, earlier)) {
                state = service.run(Runs.order(
                        workspace,
                        files,
                        Runs.environment(spec, files.plan(), environment),
                        candidate,
                        runId,
                        actor,
                        strategy(),
                        time,
                        detach,
                        display));
            }
            if (state.end().isPresent()) files.ended(workspace);
            Runs.report(spec, workspace, store, candidate, env, service.events(run), clock);
        }
        return Runs.exitCode(state, spec.commandLine().getErr());
    }

    /** The server runs the release; this command follows it, as it would follow its own run. */
    private int remote() throws Exception {
        if (as != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--as cannot be used with a server: a release is started by the token's person");
        }
        if (resumeOnly()) {
            throw new ParameterException(
                    spec.commandLine(), "a server takes up its runs by itself; gantry status --server shows them");
        }
        strategy();
        ServerClient client = server.client();
        String project = server.project(client);
        RunStarted started = client.release(
                project,
                new ReleaseRequest(release.commit(workspace, commit), environment, strategy, overrides, reason));
        spec.commandLine()
                .getErr()
                .println("the server runs " + started.runId() + ": " + started.version() + " (commit "
                        + started.commit().substring(0, 7) + ") into " + started.environment());
        return RemoteRuns.follow(client, project, started.runId(), spec, detach);
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
