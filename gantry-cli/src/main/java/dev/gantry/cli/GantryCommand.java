package dev.gantry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "gantry",
        mixinStandardHelpOptions = true,
        versionProvider = GantryVersion.class,
        description = {
            "Gantry coordinates releases: it decides the next version from your commits, writes the changelog"
                    + " and release notes, plans the release and decides GO or NO-GO from machine-checked criteria.",
            ""
        },
        subcommands = {
            InitCommand.class,
            VersionCommand.class,
            ChangelogCommand.class,
            NotesCommand.class,
            PlanCommand.class,
            GateCommand.class,
            EvidenceCommand.class,
            ApproveCommand.class,
            ApprovalsCommand.class,
            ChecklistCommand.class,
            TickCommand.class,
            ReleaseCommand.class,
            ResumeCommand.class,
            DemoCommand.class,
            DecideCommand.class,
            AbortCommand.class,
            RollbackCommand.class,
            ReportCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            HistoryCommand.class,
            ServeCommand.class,
            TokenCommand.class,
            AccountCommand.class,
            PolicyCommand.class,
            AuditCommand.class,
            FlagsCommand.class,
            SchemaCommand.class,
            CompletionCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 done, GO    1 internal error    2 usage or invalid input    3 nothing to release",
            "  4 NO-GO, a trigger of watch --dry-run would not pass, or audit verify found changes",
            "  5 Rolled-Back    6 Aborted    9 Rollback-Failed (act now: users may be on the bad version)",
            "  7 waiting for a person    8 plan check found warnings only",
            "",
            "Run 'gantry COMMAND --help' for the options and examples of a command."
        })
final class GantryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
