package dev.gantry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "flags",
        mixinStandardHelpOptions = true,
        description = {
            "The release's feature flags: how a flag decides for a context, evaluated as Unleash evaluates it, and"
                    + " which flags are due for removal with the code that still reads them."
        },
        subcommands = {FlagsEvaluateCommand.class, FlagsStaleCommand.class})
final class FlagsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: evaluate or stale");
    }
}
