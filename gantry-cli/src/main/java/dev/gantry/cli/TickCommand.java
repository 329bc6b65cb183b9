package dev.gantry.cli;

import dev.gantry.documents.Checklist;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.Tick;
import java.time.Clock;
import java.time.LocalDate;
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
        name = "tick",
        description = {
            "Mark a manual checklist item done, with who and when. ITEM is the key the checklist shows, such as"
                    + " backup or on-call, or the DEP- id of a manual criterion or step. Items a machine checks take"
                    + " their state from the gate and cannot be ticked."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry tick backup --as \"Mark Liu\" --note \"snapshot db-2026-03-19\""})
final class TickCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", paramLabel = "ITEM", description = "The checklist item's key.")
    String item;

    @Option(names = "--as", paramLabel = "NAME", description = "Who did it (default: git user.name).")
    String as;

    @Option(names = "--note", paramLabel = "TEXT", description = "What was done, for the record.")
    String note;

    @Option(names = "--env", paramLabel = "ENV", description = "The checklist's environment (default: production).")
    String environment;

    private final Clock clock;

    TickCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Runs.personText(spec, "--note", note, false);
        workspace.writeStoreEarly();
        Plan plan = workspace.plan();
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        String version = found.get().version().toString();
        String env = environment != null ? environment : ReleaseDocuments.defaultEnvironment(plan);
        Checklist checklist = Checklist.of(plan, env);
        Optional<Checklist.Item> listed = checklist.item(item);
        if (listed.isEmpty()) {
            boolean machineCriterion = plan.criteria().stream().anyMatch(c -> c.id().equals(item) && c.check() != null);
            throw new ParameterException(
                    spec.commandLine(),
                    machineCriterion
                            ? item + " is checked by a machine: its state comes from 'gantry gate'"
                            : "no checklist item \"" + item + "\"; 'gantry checklist' shows the keys");
        }
        Checklist.Item chosen = listed.get();
        if (chosen.machine()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "\"" + item + "\" is checked by a machine ("
                            + chosen.checkedBy().get(0).entryId() + ", "
                            + chosen.checkedBy().get(0).checkType()
                            + "): its state comes from 'gantry gate'");
        }
        String person = workspace.actor(as);
        if (!plan.people().isEmpty() && plan.person(person).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "\"" + person + "\" is not in the plan's people");
        }
        try (Store store = workspace.openStore()) {
            new ReleaseLog(store).tick(new Tick(version, item, person, note, clock.instant()));
        }
        spec.commandLine().getErr().println("ticked " + item + " for " + version + ": " + person);
        return ExitCode.OK;
    }
}
