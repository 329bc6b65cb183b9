package dev.gantry.cli;

import dev.gantry.coordinate.ChecklistService;
import dev.gantry.coordinate.Refused;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.server.api.TickRequest;
import dev.gantry.server.client.ServerClient;
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
        footer = {
            "  gantry tick backup --as \"Mark Liu\" --note \"snapshot db-2026-03-19\"",
            "  gantry tick backup --server https://gantry.example.com --note \"snapshot db-2026-03-19\""
        })
final class TickCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", paramLabel = "ITEM", description = "The checklist item's key.")
    String item;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--commit",
            paramLabel = "REF",
            description = "With a server: the release's commit (default: HEAD of the repository here).")
    String commit;

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
        Optional<Tick> ticked = server.remote() ? Optional.of(remote()) : local();
        if (ticked.isEmpty()) return workspace.nothingToRelease();
        Tick tick = ticked.get();
        spec.commandLine().getErr().println("ticked " + tick.item() + " for " + tick.version() + ": " + tick.person());
        return ExitCode.OK;
    }

    private Optional<Tick> local() throws Exception {
        workspace.writeStoreEarly();
        Plan plan = workspace.plan();
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return Optional.empty();
        String version = found.get().version().toString();
        String commit = found.get().commit();
        String env = environment != null ? environment : ChecklistService.defaultEnvironment(plan);
        String person = workspace.actor(as);
        try (Store store = workspace.openStore()) {
            return Optional.of(
                    new ChecklistService(store).tick(plan, env, version, commit, item, person, note, clock.instant()));
        } catch (Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** On a server, the item is ticked by the token's person: nobody ticks as someone else. */
    private Tick remote() throws Exception {
        if (as != null) {
            throw new ParameterException(
                    spec.commandLine(), "--as cannot be used with a server: an item is ticked by the token's person");
        }
        ServerClient client = server.client();
        return client.tick(
                server.project(client),
                new TickRequest(release.commit(workspace, commit), environment, item, note, release.component()));
    }
}
