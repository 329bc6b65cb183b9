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
            "Gantry coordinates releases: it decides the next version from your commits and writes the"
                    + " changelog and release notes.",
            ""
        },
        subcommands = {
            VersionCommand.class,
            ChangelogCommand.class,
            NotesCommand.class,
            SchemaCommand.class,
            CompletionCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 done    1 internal error    2 usage or invalid input    3 nothing to release",
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
