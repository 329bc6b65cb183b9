package dev.gantry.cli;

import dev.gantry.coordinate.ApprovalService;
import dev.gantry.coordinate.ApprovalStatus;
import dev.gantry.gate.Signoff;
import dev.gantry.gate.Signoff.Cancelled;
import dev.gantry.gate.Signoff.RoleStatus;
import dev.gantry.release.Candidate;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Approval;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    ServerOptions server;

    @Option(
            names = "--commit",
            paramLabel = "REF",
            description = "With a server: the commit whose approvals to list (default: HEAD of the repository here).")
    String commit;

    private final Clock clock;

    ApprovalsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        ApprovalStatus status;
        if (server.remote()) {
            ServerClient client = server.client();
            status = client.approvals(
                    server.project(client),
                    release.commit(workspace, commit),
                    Optional.ofNullable(release.component()));
        } else {
            workspace.readStoreEarly();
            Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
            if (found.isEmpty()) return workspace.nothingToRelease();
            try (Store store = workspace.openStore()) {
                status = new ApprovalService(store, workspace.repository()).status(workspace.plan(), found.get());
            }
        }
        print(status, spec.commandLine().getOut());
        return status.complete() ? ExitCode.OK : ExitCode.WAITING;
    }

    private static void print(ApprovalStatus status, PrintWriter out) {
        out.println(status.version() + " (" + status.type().label() + ") · commit "
                + status.commit().substring(0, 7));
        TextTable table = new TextTable("ROLE", "STATE", "BY", "AT", "COMMENT");
        for (RoleStatus role : status.roles()) {
            String name = role.needed() == 1 ? role.role() : role.progress();
            for (Approval a : role.approvals()) {
                table.row(name, "given", a.person(), a.at().toString(), a.comment() == null ? "" : a.comment());
            }
            if (!role.given()) {
                table.row(
                        name,
                        "missing",
                        role.holders().isEmpty() ? "(" + Signoff.nobody(role) + ")" : String.join(", ", role.holders()),
                        "",
                        "");
            }
        }
        out.print(table);
        for (Cancelled c : status.cancelled()) {
            out.println("cancelled: " + c.approval().role() + " by "
                    + c.approval().person() + " at " + c.approval().at() + ": " + c.reason());
        }
        out.flush();
    }
}
