package dev.gantry.cli;

import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.api.FlagSwitchRequest;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code gantry flags on} and {@code off} share: they differ only in the state asked for. */
abstract class FlagsSwitch {

    @Spec
    CommandSpec spec;

    @Mixin
    FlagChange change;

    @Mixin
    ServerOptions server;

    private final Clock clock;

    FlagsSwitch(Clock clock) {
        this.clock = clock;
    }

    Integer turn(boolean on) throws Exception {
        String flag = change.flag;
        String environment = change.environment;
        Optional<FlagChangeView> changed = change.record(
                server,
                (states, plan, person) -> states.turn(
                                plan, environment, flag, on, person, change.reason, clock.instant())
                        .map(FlagChangeView::of),
                (client, project) -> client.switchFlag(
                                project, flag, new FlagSwitchRequest(environment, on, change.reason))
                        .change());
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
