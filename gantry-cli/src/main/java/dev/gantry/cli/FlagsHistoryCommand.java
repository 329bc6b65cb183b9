package dev.gantry.cli;

import dev.gantry.flags.FlagEvent;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {"Every change of a flag, oldest first: when, where, what, by whom and why."},
        footerHeading = "%nExamples:%n",
        footer = {"  gantry flags history new-checkout", "  gantry flags history new-checkout --env production"})
final class FlagsHistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Parameters(index = "0", paramLabel = "FLAG", description = "A flag the plan declares.")
    String flag;

    @Option(names = "--env", paramLabel = "ENV", description = "One environment (default: every one).")
    String environment;

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        List<FlagEvent> events;
        try (Store store = workspace.openStore()) {
            events = new FlagStates(store).history(plan, flag, Optional.ofNullable(environment));
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (events.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(TerminalText.of(flag) + " was never changed"
                            + (environment == null ? "" : " in " + environment)
                            + ": it stands as the plan declares it");
            return ExitCode.OK;
        }
        for (FlagEvent event : events) {
            out.println(TerminalText.of(
                    event.environment() + ": " + FlagsText.change(event.change()) + " " + FlagsText.who(event)));
        }
        out.flush();
        return ExitCode.OK;
    }
}
