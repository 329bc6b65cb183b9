package dev.gantry.cli;

import dev.gantry.coordinate.Coordinator;
import dev.gantry.coordinate.Refused;
import dev.gantry.coordinate.ReleaseService;
import dev.gantry.files.AtomicFile;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.Decision;
import dev.gantry.gate.GateDocument;
import dev.gantry.gate.GateResult;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.Time;
import dev.gantry.server.api.GateRequest;
import dev.gantry.server.client.ServerClient;
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
            "  gantry gate staging --server https://gantry.example.com --commit $CI_COMMIT_SHA",
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

    @Mixin
    ServerOptions server;

    @Option(
            names = "--commit",
            paramLabel = "REF",
            description = "With a server: the commit gated (default: HEAD of the repository here). The server gates it"
                    + " in a checkout of that commit, with the evidence uploaded for it (gantry evidence upload).")
    String commit;

    private final Clock clock;

    GateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (server.remote()) return remote();
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
        return print(RecordedGate.of(result));
    }

    /** The server gates the commit, with the evidence uploaded for it, and records the gate; printed as here. */
    private int remote() throws Exception {
        if (as != null) {
            throw new ParameterException(
                    spec.commandLine(), "--as cannot be used with a server: the gate is run by the token's person");
        }
        ServerClient client = server.client();
        String project = server.project(client);
        RecordedGate gate = client.gate(
                project, new GateRequest(release.commit(workspace, commit), environment, overrides, reason));
        long uploads =
                gate.criteria().stream().mapToLong(c -> c.uploads().size()).sum();
        spec.commandLine()
                .getErr()
                .println("the server gated commit " + gate.commit().substring(0, 7) + " and recorded it; " + uploads
                        + " uploaded evidence file(s) decided criteria");
        return print(gate);
    }

    private int print(RecordedGate result) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? result.json() : GateText.render(result));
        out.flush();
        return result.decision() == Decision.NO_GO ? ExitCode.NO_GO : ExitCode.OK;
    }

    private void requireEnvironment(Plan plan) {
        if (plan.environments().isEmpty() || plan.environment(environment).isPresent()) return;
        throw Workspace.unknownEnvironment(spec, plan, environment);
    }
}
