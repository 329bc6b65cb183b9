package dev.gantry.cli;

import dev.gantry.coordinate.ReleaseService;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.rollout.Time;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the release, resume and decide commands share: the environment, the engine's request, the output. */
final class Runs {

    private Runs() {}

    /** The environment, which must have a target to run a release into; refused as a usage error otherwise. */
    static Environment environment(CommandSpec spec, Plan plan, String name) {
        Environment env = plan.environment(name).orElseThrow(() -> Workspace.unknownEnvironment(spec, plan, name));
        if (env.target() == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "environment " + name
                            + " has no target: add target: { type: command, deploy: [...], rollback: [...] } to it");
        }
        return env;
    }

    /** What the release service needs to run a release from the command line. */
    static ReleaseService.Order order(
            Workspace workspace,
            RunFiles files,
            Environment env,
            Candidate candidate,
            String runId,
            String actor,
            Strategy strategy,
            Time time,
            boolean detach,
            LiveDisplay display) {
        Plan plan = files.plan();
        // A waiting coordinator looks for requests every two seconds of real time, on whatever clock the run uses.
        RunEngine.Conduct conduct = new RunEngine.Conduct(
                time.pace(java.time.Duration.ofSeconds(2)),
                detach,
                new dev.gantry.coordinate.PlanAnnouncer(plan, System.getenv(), time),
                // In the repository's own state folder, also for a run that runs in a checkout of its commit.
                java.util.Optional.of(
                        workspace.repository().root().resolve(Workspace.STATE).resolve("processes")));
        return new ReleaseService.Order(
                plan,
                env,
                candidate,
                runId,
                actor,
                strategy,
                files.root(),
                workspace.repository(),
                System.getenv(),
                conduct,
                new RunEngine.Observer() {
                    @Override
                    public void afterEach(RunLog.Logged event) {
                        display.show(event);
                    }
                },
                dev.gantry.gate.Uploads.none());
    }

    /**
     * Carries on a run that no live coordinator holds, in this command: takes its lease, runs it on its own commit
     * with the live display, and writes its report. For decide and abort, after their request is recorded.
     */
    static RunState carryOn(
            CommandSpec spec,
            Workspace workspace,
            ReleaseOptions release,
            ReleaseService service,
            Store store,
            Environment env,
            dev.gantry.coordinate.RunBinding run,
            String person,
            Time time,
            boolean detach,
            boolean plain)
            throws Exception {
        Clock clock = time.clock();
        Candidate candidate =
                release.candidateAt(workspace, java.time.LocalDate.now(clock), run.commit(), run.version());
        try {
            service.take(env.name(), run.runId());
        } catch (dev.gantry.coordinate.Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunFiles files = RunFiles.of(workspace, run);
        RunState state;
        try (LiveDisplay display = LiveDisplay.open(
                spec.commandLine().getOut(), plain, files.plan(), candidate.type(), clock, service.events(run))) {
            state = service.run(order(
                    workspace,
                    files,
                    environment(spec, files.plan(), env.name()),
                    candidate,
                    run.runId(),
                    person,
                    null,
                    time,
                    detach,
                    display));
        }
        if (state.end().isPresent()) files.ended(workspace);
        report(spec, workspace, store, candidate, env, service.events(run), clock);
        return state;
    }

    /** Refuses, as a usage error, text a person gives that {@link dev.gantry.text.PersonText} refuses. */
    static void personText(CommandSpec spec, String option, String text, boolean required) {
        dev.gantry.text.PersonText.refusal(option, text, required).ifPresent(refused -> {
            throw new ParameterException(spec.commandLine(), refused);
        });
    }

    /**
     * The command that decides on a run waiting for a person: here, as the person named; on a server, as the
     * person whose token is used, where {@code --as} is refused.
     */
    static String decideCommand(String environment, String version, boolean onServer) {
        return "gantry decide " + environment + " --version " + version + " --continue|--rollback "
                + (onServer ? "--reason \"...\" --server URL" : "--as NAME --reason \"...\"");
    }

    /**
     * Writes the run's report and says where; a report that cannot be written (a read-only folder) is said on
     * stderr and changes nothing of the run's outcome: {@code gantry report} writes it later.
     */
    static void report(
            CommandSpec spec,
            Workspace workspace,
            Store store,
            Candidate candidate,
            Environment env,
            List<RunLog.Logged> events,
            Clock clock)
            throws StoreException, dev.gantry.binding.PlanException {
        dev.gantry.rollout.RunEvent.Started started =
                (dev.gantry.rollout.RunEvent.Started) events.get(0).event();
        if (started.rollback() != null) {
            // A person's rollback taken up again: its report stands beside the release's, never over it.
            rollbackReport(
                    spec,
                    workspace,
                    store,
                    new dev.gantry.coordinate.RunBinding(
                            started.runId(), env.name(), started.version(), started.commit()),
                    env,
                    events,
                    clock);
            return;
        }
        try {
            java.nio.file.Path report = writeReport(workspace, store, candidate, env, events, clock);
            spec.commandLine()
                    .getErr()
                    .println("wrote " + workspace.repository().root().relativize(report));
        } catch (java.io.IOException | RuntimeException e) {
            spec.commandLine()
                    .getErr()
                    .println("could not write the report (" + e.getMessage() + "); the run's outcome stands, and"
                            + " gantry report " + env.name() + " writes it later");
        }
    }

    /** Writes {@code report-<env>.md} and {@code report-<env>.json} of the run and returns the Markdown one's path. */
    static java.nio.file.Path writeReport(
            Workspace workspace,
            Store store,
            Candidate candidate,
            Environment env,
            List<RunLog.Logged> events,
            Clock clock)
            throws java.io.IOException, StoreException, dev.gantry.binding.PlanException {
        return writeReport(
                workspace,
                store,
                candidate.version(),
                candidate.commit(),
                candidate.changes(),
                env,
                events,
                clock,
                "report-" + env.name());
    }

    private static java.nio.file.Path writeReport(
            Workspace workspace,
            Store store,
            dev.gantry.version.Version release,
            String commit,
            dev.gantry.changelog.ReleaseChanges changes,
            Environment env,
            List<RunLog.Logged> events,
            Clock clock,
            String name)
            throws java.io.IOException, StoreException, dev.gantry.binding.PlanException {
        return new dev.gantry.coordinate.RunReports(store, workspace.plan(), clock.getZone())
                .write(workspace.releaseDir(release), name, release, commit, changes, env, events);
    }

    /**
     * Writes the report of a person's rollback of a released version beside the release's own, as
     * {@code rollback-<run id>.md}, {@code .json} and {@code .html}, one per rollback run; says on stderr where, or
     * why it could not.
     */
    static void rollbackReport(
            CommandSpec spec,
            Workspace workspace,
            Store store,
            dev.gantry.coordinate.RunBinding run,
            Environment env,
            List<RunLog.Logged> events,
            Clock clock)
            throws StoreException, dev.gantry.binding.PlanException {
        dev.gantry.version.Version version = dev.gantry.version.Version.parse(run.version());
        dev.gantry.changelog.ReleaseChanges none = new dev.gantry.changelog.ReleaseChanges(
                run.version(), java.time.LocalDate.now(clock), Optional.empty(), Optional.empty(), List.of());
        try {
            java.nio.file.Path report = writeReport(
                    workspace, store, version, run.commit(), none, env, events, clock, "rollback-" + run.runId());
            spec.commandLine()
                    .getErr()
                    .println("wrote " + workspace.repository().root().relativize(report));
        } catch (java.io.IOException | RuntimeException e) {
            spec.commandLine()
                    .getErr()
                    .println("could not write the rollback's report (" + e.getMessage() + "); its outcome stands");
        }
    }

    /** 0 Released, 5 Rolled-Back, 6 Aborted, 7 waiting for a person, 9 Rollback-Failed. */
    static int exitCode(RunState state, PrintWriter err) {
        return exitCode(state, err, false);
    }

    /** The exit code of a run, followed here or on a server ({@code onServer}: how to decide differs). */
    static int exitCode(RunState state, PrintWriter err, boolean onServer) {
        if (state.waiting().isPresent()) {
            err.println("waiting for a person: " + state.waiting().get().reason() + "; decide with: "
                    + decideCommand(state.start().environment(), state.start().version(), onServer));
            return ExitCode.WAITING;
        }
        RunEvent.Ended end = state.end().orElseThrow();
        return switch (end.verdict()) {
            case RELEASED, RELEASED_WITH_OVERRIDE -> ExitCode.OK;
            case ROLLED_BACK -> ExitCode.ROLLED_BACK;
            case ABORTED -> ExitCode.ABORTED;
            case ROLLBACK_FAILED -> ExitCode.ROLLBACK_FAILED;
        };
    }
}
