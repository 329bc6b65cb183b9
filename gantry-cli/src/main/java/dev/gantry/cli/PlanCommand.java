package dev.gantry.cli;

import dev.gantry.documents.ChecklistDocument;
import dev.gantry.documents.DepsDocument;
import dev.gantry.documents.PlannedRelease;
import dev.gantry.documents.ReleasePlanDocument;
import dev.gantry.files.AtomicFile;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plan",
        sortOptions = false,
        subcommands = {PlanCheckCommand.class},
        description = {
            "Write the documents of the release under .gantry/releases/v<version>/: release-plan.md (type, date,"
                    + " contents, timeline, strategy, flags, rollback plan, sign-off), checklist.md (the T-minus"
                    + " checklist, each item checked by a machine through a criterion or by hand) and deps.md (every"
                    + " DEP- entry).",
            "The deploy is placed at 10:00 on the date in the zone of the plan's windows and moved out of freeze"
                    + " windows; the documents say when it moved. Prints the folder on stdout.",
            "'gantry plan check' lints the plan itself."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry plan --date 2026-03-20",
            "  gantry plan --version 2.3.1 --date 2026-03-20 --as \"Mark Liu\"",
            "  gantry plan check"
        })
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The production deploy date (default: today).")
    LocalDate date;

    @Option(
            names = "--env",
            paramLabel = "ENV",
            description = "The environment of the checklist (default: production).")
    String environment;

    @Option(names = "--as", paramLabel = "NAME", description = "Who plans the release (default: git user.name).")
    String as;

    private final Clock clock;

    PlanCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = workspace.plan();
        LocalDate day = date != null ? date : LocalDate.now(clock);
        Optional<Candidate> found = release.candidate(workspace, day);
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String env = environment != null ? environment : ReleaseDocuments.defaultEnvironment(plan);
        Path dir = workspace.releaseDir(candidate.version());
        Map<String, String> documents = new LinkedHashMap<>();
        try (Store store = workspace.openStore()) {
            ReleaseLog log = new ReleaseLog(store);
            PlannedRelease planned = ReleaseDocuments.planned(plan, candidate, day, log);
            var checklist =
                    ReleaseDocuments.checklist(plan, env, candidate.version().toString(), candidate.commit(), store);
            // Every document is ready before the first is written.
            documents.put("release-plan.md", ReleasePlanDocument.render(planned));
            documents.put("checklist.md", ChecklistDocument.render(checklist, planned));
            documents.put("deps.md", DepsDocument.render(plan));
            for (Map.Entry<String, String> document : documents.entrySet()) {
                AtomicFile.write(dir.resolve(document.getKey()), document.getValue());
            }
            log.planned(candidate.version().toString(), day, clock.instant(), workspace.actor(as));
            planned.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        }
        Path relative = workspace.repository().root().relativize(dir);
        spec.commandLine()
                .getErr()
                .println("wrote " + String.join(", ", documents.keySet()) + " for " + candidate.version() + " ("
                        + candidate.type().label() + ")");
        spec.commandLine().getOut().println(relative);
        return ExitCode.OK;
    }
}
