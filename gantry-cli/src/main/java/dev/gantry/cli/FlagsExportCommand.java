package dev.gantry.cli;

import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Plan;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Print the flags of an environment as Gantry keeps them, as Unleash's GET /api/client/features answers"
                    + " (version, features, segments, query.environment): what Unleash's client SDKs and"
                    + " gantry flags evaluate --state read."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry flags export --env production > features.json"})
final class FlagsExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
    String environment;

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        FlagState state;
        try (Store store = workspace.openStore()) {
            state = new FlagStates(store).export(plan, environment);
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(StateWriter.write(state));
        out.flush();
        return ExitCode.OK;
    }
}
