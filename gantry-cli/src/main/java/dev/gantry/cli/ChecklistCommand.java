package dev.gantry.cli;

import dev.gantry.documents.Checklist;
import dev.gantry.documents.ChecklistDocument;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "checklist",
        description = {
            "Show the release checklist with its live state: machine items from the environment's last gate,"
                    + " manual items ticked with 'gantry tick', each with who and when."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry checklist", "  gantry checklist staging"})
final class ChecklistCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "The environment (default: production).")
    String environment;

    private final Clock clock;

    ChecklistCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String env = environment != null ? environment : ReleaseDocuments.defaultEnvironment(plan);
        String version = candidate.version().toString();
        String text;
        try (Store store = workspace.openStore()) {
            ReleaseLog log = new ReleaseLog(store);
            LocalDate date = log.plannedDate(version).orElse(LocalDate.now(clock));
            Checklist checklist = ReleaseDocuments.checklist(plan, env, version, candidate.commit(), store);
            text = ChecklistDocument.render(checklist, ReleaseDocuments.planned(plan, candidate, date, log));
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
