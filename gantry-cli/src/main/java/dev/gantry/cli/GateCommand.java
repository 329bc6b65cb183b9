package dev.gantry.cli;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.files.AtomicFile;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CriterionOutcome;
import dev.gantry.gate.Decision;
import dev.gantry.gate.GateDocument;
import dev.gantry.gate.GateResult;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.Time;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        name = "gate",
        sortOptions = false,
        description = {
            "Evaluate every criterion of the plan that applies to ENV and decide GO or NO-GO.",
            "Each criterion is Met, Unmet or Error (the check could not run: never a pass). A blocker that is not"
                    + " met makes NO-GO unless a person with an overriding role overrides it (GO-with-override).",
            "The result is written to .gantry/releases/v<version>/gate-<env>.md and recorded in the store."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry gate staging",
            "  gantry gate production --json",
            "  gantry gate production --override DEP-012 --as \"Mark Liu\" --reason \"changelog follows in 2.3.2\"",
            "",
            "Exit codes: 0 GO or GO-with-override, 4 NO-GO, 2 invalid input, 3 nothing to release."
        })
final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment the release goes into.")
    String environment;

    @Option(
            names = "--override",
            paramLabel = "DEP-ID",
            description = "Let the release pass this unmet criterion (repeatable); needs --as and --reason.")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--as",
            paramLabel = "NAME",
            description = "Who runs the gate or overrides (default: git user.name).")
    String as;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the overridden criteria may stay unmet.")
    String reason;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    private final Clock clock;

    GateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        requireEnvironment(plan);
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String actor = overrides.isEmpty() ? workspace.repository().userName().orElse("") : workspace.actor(as);
        GateResult result;
        try (Store store = workspace.openStore()) {
            CheckContext context = workspace.checkContext(plan, environment, candidate, new ReleaseLog(store), clock);
            try {
                // Overrides are checked and recorded for the release's commit, so that the run's own gate honours them.
                result = new ReleaseService(store, new Time.SystemTime(clock), Coordinator.thisProcess())
                        .gate(context, candidate, workspace.repository(), overrides, actor, reason);
            } catch (Refused e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Path document = workspace.releaseDir(candidate.version()).resolve("gate-" + environment + ".md");
            AtomicFile.write(document, GateDocument.markdown(result));
            spec.commandLine()
                    .getErr()
                    .println("wrote " + workspace.repository().root().relativize(document));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? GateDocument.json(result) : text(result));
        out.flush();
        return result.decision() == Decision.NO_GO ? ExitCode.NO_GO : ExitCode.OK;
    }

    private void requireEnvironment(Plan plan) {
        if (plan.environments().isEmpty() || plan.environment(environment).isPresent()) return;
        throw Workspace.unknownEnvironment(spec, plan, environment);
    }

    private static String text(GateResult result) {
        StringBuilder s = new StringBuilder();
        s.append(result.decision().label())
                .append("  ")
                .append(result.environment())
                .append(" · ")
                .append(result.version())
                .append(" (")
                .append(result.releaseType().label())
                .append(") · commit ")
                .append(result.commit(), 0, 7)
                .append("\n\n");
        if (result.outcomes().isEmpty())
            return s.append("no criterion applies to ")
                    .append(result.environment())
                    .append('\n')
                    .toString();
        TextTable table = new TextTable("CRITERION", "BLOCKER", "RESULT", "DURATION", "EVIDENCE");
        for (CriterionOutcome o : result.outcomes()) {
            table.row(
                    o.id() + " " + o.title(),
                    o.blocker() ? "yes" : "no",
                    o.state(),
                    GateDocument.duration(o.duration()),
                    o.result().evidence());
        }
        return s.append(table).toString();
    }
}
