package dev.gantry.cli;

import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        sortOptions = false,
        description = {
            "(Re)write the release report of the last run of the release in ENV, from the run's events:"
                    + " .gantry/releases/v<version>/report-<env>.md. Prints its path."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry report production", "  gantry report staging --version 1.4.0"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment of the run.")
    String environment;

    private final Clock clock;

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String version = candidate.version().toString();
        Path report;
        try (Store store = workspace.openStore()) {
            Map<String, List<RunLog.Logged>> runs = new RunLog(store).runs(version, environment);
            if (runs.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "no run of " + version + " in " + environment + " yet: gantry release " + environment
                                + " makes one");
            }
            List<RunLog.Logged> last = List.copyOf(runs.values()).get(runs.size() - 1);
            report = Runs.writeReport(workspace, store, candidate, env, last, clock);
        }
        spec.commandLine().getOut().println(workspace.repository().root().relativize(report));
        return ExitCode.OK;
    }
}
