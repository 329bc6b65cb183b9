package dev.gantry.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "on",
        mixinStandardHelpOptions = true,
        description = {
            "Turn a flag on in an environment. The change is recorded with who made it, when and why; its"
                    + " strategies then decide for whom it is on (none: for everyone)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry flags on new-checkout --env staging --reason \"ready for QA\""})
final class FlagsOnCommand extends FlagsSwitch implements Callable<Integer> {

    FlagsOnCommand(Clock clock) {
        super(clock);
    }

    @Override
    public Integer call() throws Exception {
        return turn(true);
    }
}
