package dev.gantry.cli;

import dev.gantry.files.AtomicFile;
import dev.gantry.gate.CheckContext;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Strategy;
import dev.gantry.release.Candidate;
import dev.gantry.report.RunReport;
import dev.gantry.rollout.RunEngine;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the release, resume and decide commands share: the environment, the engine's request, the output. */
final class Runs {

    private Runs() {}

    /** The environment, which must have a target to run a release into; refused as a usage error otherwise. */
    static Environment environment(CommandSpec spec, Plan plan, String name) {
        Environment env = plan.environment(name)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "unknown environment \"" + name + "\"; the plan has: "
                                + String.join(
                                        ", ",
                                        plan.environments().stream()
                                                .map(Environment::name)
                                                .toList())));
        if (env.target() == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "environment " + name
                            + " has no target: add target: { type: command, deploy: [...], rollback: [...] } to it");
        }
        return env;
    }

    /** The run of the release in the environment that has not ended, if any. */
    static Optional<String> unfinished(RunLog runs, String version, String environment) throws StoreException {
        for (Map.Entry<String, List<RunLog.Logged>> run :
                runs.runs(version, environment).entrySet()) {
            if (!RunState.of(RunLog.events(run.getValue())).finished()) return Optional.of(run.getKey());
        }
        return Optional.empty();
    }

    static RunEngine.Request request(
            Workspace workspace,
            Plan plan,
            Environment env,
            Candidate candidate,
            String runId,
            String actor,
            Strategy strategy,
            Store store,
            Clock clock,
            LiveDisplay display) {
        CheckContext checks = workspace.checkContext(plan, env.name(), candidate, new ReleaseLog(store), clock);
        return new RunEngine.Request(
                runId,
                env.name(),
                candidate.version(),
                candidate
                        .previousTag()
                        .flatMap(t -> plan.versioning().tagPattern().versionOf(t)),
                candidate.commit(),
                candidate.type(),
                actor,
                strategy,
                plan,
                env.target(),
                Optional.ofNullable(env.metrics()),
                checks,
                new RunEngine.Observer() {
                    @Override
                    public void beforeEach() throws StoreException {
                        keep(store, env.name(), runId, clock);
                    }

                    @Override
                    public void afterEach(RunLog.Logged event) {
                        display.show(event);
                    }
                });
    }

    /** The command that decides on a run waiting for a person. */
    static String decideCommand(String environment, String version) {
        return "gantry decide " + environment + " --version " + version
                + " --continue|--rollback --as NAME --reason \"...\"";
    }

    /** How long a run holds its environment after its last event: long enough to outlast one watch sample. */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(15);

    /**
     * Takes the environment for the run: one run per environment. The run's id is the holder, so the same run
     * started again after a crash takes it back, while another run is refused until the lease has expired.
     */
    static void take(CommandSpec spec, Store store, String environment, String runId, Clock clock)
            throws StoreException {
        Optional<dev.gantry.store.Lease> taken = store.acquire(environment, runId, runId, clock.instant(), LEASE);
        if (taken.isEmpty()) {
            dev.gantry.store.Lease held = store.lease(environment).orElseThrow();
            throw new ParameterException(
                    spec.commandLine(),
                    environment + " is held by run " + held.runId() + " until " + held.expires()
                            + "; wait for it to end, or decide on it if it waits for a person");
        }
    }

    private static void keep(Store store, String environment, String runId, Clock clock) throws StoreException {
        if (!store.renew(environment, runId, clock.instant(), LEASE)) {
            throw new StoreException("run " + runId + " lost its hold on " + environment
                    + " to another run; it stops here and can be continued with gantry release " + environment);
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
            throws java.io.IOException, StoreException, dev.gantry.plan.yaml.PlanException {
        ReleaseLog releaseLog = new ReleaseLog(store);
        String version = candidate.version().toString();
        Optional<com.fasterxml.jackson.databind.JsonNode> gate = Optional.empty();
        Optional<dev.gantry.store.Event> recorded = releaseLog.lastGate(version, env.name());
        if (recorded.isPresent())
            gate = Optional.of(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(recorded.get().payload()));
        RunReport report = new RunReport(
                events,
                gate,
                candidate.changes(),
                releaseLog.approvals(version).stream()
                        .filter(a -> a.commit().equals(candidate.commit()))
                        .toList(),
                env.target().describe(),
                env.metrics() == null ? "none configured" : env.metrics().describe(),
                workspace.plan().rollback(),
                clock.getZone());
        java.nio.file.Path file = workspace.releaseDir(candidate.version()).resolve("report-" + env.name() + ".md");
        // Both are ready before either is written.
        String markdown = report.markdown();
        String json = report.json();
        String html = report.html();
        AtomicFile.write(file, markdown);
        AtomicFile.write(file.resolveSibling("report-" + env.name() + ".json"), json);
        AtomicFile.write(file.resolveSibling("report-" + env.name() + ".html"), html);
        return file;
    }

    /** 0 Released, 5 Rolled-Back, 6 Aborted, 7 waiting for a person. */
    static int exitCode(RunState state, PrintWriter err) {
        if (state.waiting().isPresent()) {
            err.println("waiting for a person: " + state.waiting().get().reason() + "; decide with: "
                    + decideCommand(state.start().environment(), state.start().version()));
            return ExitCode.WAITING;
        }
        RunEvent.Ended end = state.end().orElseThrow();
        return switch (end.verdict()) {
            case RELEASED, RELEASED_WITH_OVERRIDE -> ExitCode.OK;
            case ROLLED_BACK -> ExitCode.ROLLED_BACK;
            case ABORTED -> ExitCode.ABORTED;
        };
    }
}
