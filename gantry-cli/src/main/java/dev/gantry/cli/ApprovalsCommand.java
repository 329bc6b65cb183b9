package dev.gantry.cli;

import dev.gantry.gate.Signoff;
import dev.gantry.gate.Signoff.RoleStatus;
import dev.gantry.release.Candidate;
import dev.gantry.store.Approval;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "approvals",
        description = {"List the approvals the release needs: given (by whom, when) and missing (who can give them)."},
        footer = {"", "Exit codes: 0 all given, 7 some missing (waiting for a person), 3 nothing to release."})
final class ApprovalsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    private final Clock clock;

    ApprovalsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String version = candidate.version().toString();
        List<Approval> approvals;
        List<RoleStatus> roles;
        try (Store store = workspace.openStore()) {
            ReleaseLog log = new ReleaseLog(store);
            approvals = log.approvals(version);
            dev.gantry.gate.Authors authors =
                    Signoff.authors(workspace.repository(), log, version, candidate.commit(), candidate.previousTag());
            roles = Signoff.status(workspace.plan(), candidate.type(), candidate.commit(), approvals, authors);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(candidate.version() + " (" + candidate.type().label() + ") · commit "
                + candidate.commit().substring(0, 7));
        TextTable table = new TextTable("ROLE", "STATE", "BY", "AT", "COMMENT");
        for (RoleStatus role : roles) {
            if (role.given()) {
                Approval a = role.approval().get();
                table.row(role.role(), "given", a.person(), a.at().toString(), a.comment() == null ? "" : a.comment());
            } else {
                table.row(
                        role.role(),
                        "missing",
                        role.holders().isEmpty() ? "(nobody in people can give it)" : String.join(", ", role.holders()),
                        "",
                        "");
            }
        }
        out.print(table);
        long stale = approvals.stream()
                .filter(a -> !a.commit().equals(candidate.commit()))
                .count();
        if (stale > 0) out.println(stale + " approval(s) of other commits do not count for this one");
        out.flush();
        return roles.stream().allMatch(RoleStatus::given) ? ExitCode.OK : ExitCode.WAITING;
    }
}
