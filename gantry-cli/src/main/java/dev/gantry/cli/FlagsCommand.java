package dev.gantry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "flags",
        mixinStandardHelpOptions = true,
        description = {
            "The release's feature flags: their state in each environment as Gantry keeps it (list, on, off, set,"
                    + " history, export), how a flag decides for a context, evaluated as Unleash evaluates it, and"
                    + " which flags are due for removal with the code that still reads them."
        },
        subcommands = {
            FlagsListCommand.class,
            FlagsOnCommand.class,
            FlagsOffCommand.class,
            FlagsSetCommand.class,
            FlagsHistoryCommand.class,
            FlagsExportCommand.class,
            FlagsEvaluateCommand.class,
            FlagsStaleCommand.class
        })
final class FlagsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "say what to do: list, on, off, set, history, export, evaluate or stale");
    }
}
