package dev.gantry.cli;

import dev.gantry.gate.Signoff;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.store.Approval;
import dev.gantry.store.ReleaseLog;
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

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The role you approve as.")
    String role;

    @Option(names = "--as", paramLabel = "NAME", description = "Who approves (default: git user.name).")
    String as;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A note kept with the approval.")
    String comment;

    private final Clock clock;

    ApproveCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Runs.personText(spec, "--comment", comment, false);
        workspace.writeStoreEarly();
        Plan plan = workspace.plan();
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String version = candidate.version().toString();
        Approval approval =
                new Approval(version, candidate.commit(), role, workspace.actor(as), comment, clock.instant());
        try (Store store = workspace.openStore()) {
            ReleaseLog log = new ReleaseLog(store);
            dev.gantry.gate.Authors authors =
                    Signoff.authors(workspace.repository(), log, version, candidate.commit(), candidate.previousTag());
            try {
                Signoff.check(plan, candidate.type(), approval, authors, log.approvals(version));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            log.approve(approval);
        }
        spec.commandLine()
                .getErr()
                .println("approved " + version + " (commit "
                        + candidate.commit().substring(0, 7) + ") as " + role + ": " + approval.person());
        return ExitCode.OK;
    }
}
