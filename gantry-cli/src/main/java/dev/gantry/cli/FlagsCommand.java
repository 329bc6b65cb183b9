package dev.gantry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "flags",
        mixinStandardHelpOptions = true,
        description = {"Feature flags, evaluated as Unleash evaluates them."},
        subcommands = {FlagsEvaluateCommand.class})
final class FlagsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: evaluate");
    }
}
