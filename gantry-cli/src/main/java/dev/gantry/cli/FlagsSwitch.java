package dev.gantry.cli;

import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.store.Store;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code gantry flags on} and {@code off} share: they differ only in the state asked for. */
abstract class FlagsSwitch {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Parameters(index = "0", paramLabel = "FLAG", description = "A flag the plan declares.")
    String flag;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
    String environment;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the record.")
    String reason;

    @Option(names = "--as", paramLabel = "NAME", description = "Who does it (default: git user.name).")
    String as;

    private final Clock clock;

    FlagsSwitch(Clock clock) {
        this.clock = clock;
    }

    Integer turn(boolean on) throws Exception {
        Runs.personText(spec, "--reason", reason, true);
        workspace.writeStoreEarly();
        Plan plan = workspace.plan();
        String person = workspace.actor(as);
        Optional<FlagEvent> changed;
        try (Store store = workspace.openStore()) {
            changed = new FlagStates(store).turn(plan, environment, flag, on, person, reason, clock.instant());
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String state = on ? "on" : "off";
        spec.commandLine()
                .getErr()
                .println(changed.map(e -> TerminalText.of(flag) + " " + state + " in " + environment + " ("
                                + TerminalText.of(FlagsText.who(e)) + ")")
                        .orElse(TerminalText.of(flag) + " is already " + state + " in " + environment
                                + "; nothing recorded"));
        return ExitCode.OK;
    }
}
