package dev.gantry.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "off",
        mixinStandardHelpOptions = true,
        description = {"Turn a flag off in an environment, for everyone. The change is recorded with who, when and why."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry flags off new-checkout --env production --reason \"checkout errors, INC-42\""})
final class FlagsOffCommand extends FlagsSwitch implements Callable<Integer> {

    FlagsOffCommand(Clock clock) {
        super(clock);
    }

    @Override
    public Integer call() throws Exception {
        return turn(false);
    }
}
