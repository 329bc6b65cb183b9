package dev.gantry.cli;

import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.audit.AuditFinding;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Read and check a Gantry server's audit log: every change made through it (tokens issued and revoked,"
                    + " approvals), each entry hashed with the one before (needs a token with the admin scope)."
        },
        subcommands = {AuditCommand.Log.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: log or verify");
    }

    @Command(
            name = "log",
            mixinStandardHelpOptions = true,
            description = {"List the audit log, oldest first."})
    static final class Log implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Option(
                names = "--after",
                paramLabel = "N",
                description = "Only the entries numbered after N, such as the last one listed before.")
        long after;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "At most N entries (1 to " + AuditEntry.PAGE_MOST + "); every one when absent.")
        Integer limit;

        @Override
        public Integer call() throws Exception {
            if (after < 0) {
                throw new ParameterException(spec.commandLine(), "--after must be 0 or more, got " + after);
            }
            if (limit != null && (limit < 1 || limit > AuditEntry.PAGE_MOST)) {
                throw new ParameterException(
                        spec.commandLine(), "--limit must be from 1 to " + AuditEntry.PAGE_MOST + ", got " + limit);
            }
            var client = server.client();
            List<AuditEntry> entries = limit != null ? client.audit(after, limit) : client.audit(after);
            TextTable table = new TextTable("#", "AT", "ACTOR", "ACTION", "PROJECT", "SUBJECT");
            for (AuditEntry entry : entries) {
                table.row(
                        Long.toString(entry.sequence()),
                        entry.at().toString(),
                        TerminalText.of(entry.actor()),
                        entry.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                        entry.project(),
                        TerminalText.of(entry.subject()));
            }
            spec.commandLine().getOut().print(table);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Check that no entry of the audit log was edited or deleted in the database: each entry's hash, its"
                        + " link to the one before, and the last entry against the record kept outside the"
                        + " database. Names every entry found changed."
            },
            footer = {"", "Exit codes: 0 the log is as it was written, 4 entries were edited or deleted."})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Override
        public Integer call() throws Exception {
            List<AuditFinding> findings = server.client().verifyAudit();
            PrintWriter out = spec.commandLine().getOut();
            if (findings.isEmpty()) {
                out.println("the audit log is as it was written");
                out.flush();
                return ExitCode.OK;
            }
            for (AuditFinding finding : findings) out.println(TerminalText.of(finding.toString()));
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println("the audit log, or a record it vouches for, was changed in the database: "
                            + findings.size() + " finding(s)");
            return ExitCode.NO_GO;
        }
    }
}
