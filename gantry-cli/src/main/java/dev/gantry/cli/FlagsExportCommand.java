package dev.gantry.cli;

import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Plan;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
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

    @Mixin
    ServerOptions server;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
    String environment;

    @Override
    public Integer call() throws Exception {
        FlagState state = server.remote() ? remote() : local();
        PrintWriter out = spec.commandLine().getOut();
        out.println(StateWriter.write(state));
        out.flush();
        return ExitCode.OK;
    }

    private FlagState local() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        try (Store store = workspace.openStore()) {
            return new FlagStates(store).export(plan, environment);
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The server's document, read and written again: what is printed is a state, whatever was sent. */
    private FlagState remote() throws Exception {
        ServerClient client = server.client();
        String project = server.project(client);
        String document = RemoteFlags.call(spec, () -> client.exportFlags(project, environment));
        try {
            return StateReader.read(document);
        } catch (InvalidJson e) {
            throw new ServerCallException(0, "the server sent flags this command line cannot read: " + e.getMessage());
        }
    }
}
