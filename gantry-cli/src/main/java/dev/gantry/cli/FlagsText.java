package dev.gantry.cli;

import dev.gantry.flags.FlagChange;
import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.api.FlagView;
import java.time.temporal.ChronoUnit;

/**
 * How the flag commands write a flag's state and its changes: from the API's views, which the records here are
 * turned into too, so that a server's answer reads as the same records read here.
 */
final class FlagsText {

    private FlagsText() {}

    static String state(FlagView flag) {
        return flag.on() ? "on" : "off";
    }

    /** "turned off", "turned on" or "configured: 1 strategy, 2 variants, 0 dependencies". */
    static String change(FlagChange change) {
        if (change instanceof FlagChange.Switched s) return s.on() ? "turned on" : "turned off";
        FlagChange.Configured c = (FlagChange.Configured) change;
        return "configured: " + count(c.settings().strategies().size(), "strategy", "strategies") + ", "
                + count(c.settings().variants().size(), "variant", "variants") + ", "
                + count(c.settings().dependencies().size(), "dependency", "dependencies");
    }

    /** "2026-12-07T13:40:00Z by Ana Lima: why"; Gantry's own changes name the run. */
    static String who(FlagChangeView event) {
        String actor = event.actor().isEmpty() ? "Gantry" : event.actor();
        return event.at().truncatedTo(ChronoUnit.SECONDS) + " by " + actor
                + event.run().map(r -> " (run " + r + ")").orElse("") + ": " + event.reason();
    }

    /** The last change of a flag, or that it stands as the plan declares it. */
    static String last(FlagView flag) {
        return flag.last().map(e -> change(e.typed()) + " " + who(e)).orElse("as the plan declares it");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
