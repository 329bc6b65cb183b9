package dev.gantry.cli;

import dev.gantry.rollout.Time;
import picocli.CommandLine.Command;

/** {@code gantry release} for a run that has not ended, refused when there is none, so it never starts a new one. */
@Command(
        name = "resume",
        sortOptions = false,
        description = {
            "Continue the unfinished run of the release in ENV after a crash, a kill or a reboot: finished actions"
                    + " are not repeated, an unfinished one is repeated with the same GANTRY_STEP_ID, and the watch"
                    + " window goes on from its stored samples. Refused when no run there is unfinished."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry resume production",
            "",
            "Exit codes: 0 Released, 5 Rolled-Back, 6 Aborted, 7 waiting for a person (with --detach), 9 Rollback-Failed,"
                    + " 2 refused."
        })
final class ResumeCommand extends ReleaseCommand {

    ResumeCommand(Time time) {
        super(time);
    }

    @Override
    boolean resumeOnly() {
        return true;
    }
}
