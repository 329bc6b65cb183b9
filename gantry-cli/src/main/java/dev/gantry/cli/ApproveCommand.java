package dev.gantry.cli;

import dev.gantry.coordinate.ApprovalService;
import dev.gantry.coordinate.Refused;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.server.api.ApprovalRequest;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Approval;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "approve",
        sortOptions = false,
        description = {
            "Approve the release for one role: recorded with the exact commit (and version) being released, so an"
                    + " approval of another commit does not count.",
            "You must hold the role in the plan's people; one person fills at most one required role, and where"
                    + " approvals.separateApprover is true the release's author cannot approve it."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry approve --role qa --as \"Linh Vo\" --comment \"847 tests green on staging\""})
final class ApproveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Mixin
    ServerOptions server;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The role you approve as.")
    String role;

    @Option(names = "--as", paramLabel = "NAME", description = "Who approves (default: git user.name).")
    String as;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A note kept with the approval.")
    String comment;

    @Option(
            names = "--commit",
            paramLabel = "REF",
            description = "With a server: the commit approved (default: HEAD of the repository here).")
    String commit;

    private final Clock clock;

    ApproveCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Runs.personText(spec, "--comment", comment, false);
        Optional<Approval> given = server.remote() ? Optional.of(remote()) : local();
        if (given.isEmpty()) return workspace.nothingToRelease();
        Approval approval = given.get();
        spec.commandLine()
                .getErr()
                .println("approved " + approval.version() + " (commit "
                        + approval.commit().substring(0, 7) + ") as " + approval.role() + ": " + approval.person());
        return ExitCode.OK;
    }

    private Optional<Approval> local() throws Exception {
        workspace.writeStoreEarly();
        Plan plan = workspace.plan();
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return Optional.empty();
        try (Store store = workspace.openStore()) {
            return Optional.of(new ApprovalService(store, workspace.repository())
                    .approve(plan, found.get(), role, workspace.actor(as), comment, clock.instant()));
        } catch (Refused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** On a server, the approver is the token's person: nobody approves as someone else. */
    private Approval remote() throws Exception {
        if (as != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--as cannot be used with a server: an approval is given by the token's person");
        }
        ServerClient client = server.client();
        return client.approve(
                server.project(client),
                new ApprovalRequest(release.commit(workspace, commit), role, comment, release.component()));
    }
}
