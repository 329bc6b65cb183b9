package dev.gantry.cli;

import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.server.api.FlagChangeView;
import dev.gantry.server.client.ServerClient;
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

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "FLAG", description = "A flag the plan declares.")
    String flag;

    @Option(names = "--env", paramLabel = "ENV", description = "One environment (default: every one).")
    String environment;

    @Override
    public Integer call() throws Exception {
        List<FlagChangeView> events = server.remote() ? remote() : local();
        PrintWriter out = spec.commandLine().getOut();
        if (events.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(TerminalText.of(flag) + " was never changed"
                            + (environment == null ? "" : " in " + TerminalText.of(environment))
                            + ": it stands as the plan declares it");
            return ExitCode.OK;
        }
        for (FlagChangeView event : events) {
            out.println(TerminalText.of(
                    event.environment() + ": " + FlagsText.change(event.typed()) + " " + FlagsText.who(event)));
        }
        out.flush();
        return ExitCode.OK;
    }

    private List<FlagChangeView> local() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        try (Store store = workspace.openStore()) {
            return new FlagStates(store)
                    .history(plan, flag, Optional.ofNullable(environment)).stream()
                            .map(FlagChangeView::of)
                            .toList();
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<FlagChangeView> remote() throws Exception {
        ServerClient client = server.client();
        String project = server.project(client);
        return RemoteFlags.call(spec, () -> client.flagHistory(project, flag, Optional.ofNullable(environment)));
    }
}
