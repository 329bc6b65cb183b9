package dev.gantry.cli;

import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.plan.Plan;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every command that changes a flag takes (the flag, the environment, why and who) and how it records it. */
final class FlagChange {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Parameters(index = "0", paramLabel = "FLAG", description = "A flag the plan declares.")
    String flag;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment.")
    String environment;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the record.")
    String reason;

    @Option(
            names = "--as",
            paramLabel = "NAME",
            description = "Who does it (default: git user.name); with a server, always the token's person.")
    String as;

    /** One change of the kept flag state, made by {@code person}. */
    interface Change<T> {
        T make(FlagStates states, Plan plan, String person) throws Exception;
    }

    /** The same change made by a server, as the person of the token it is called with. */
    interface Remote<T> {
        T make(ServerClient client, String project) throws ServerCallException;
    }

    /**
     * Makes the change on the server {@code server} names, or else in the store here; a change either refuses is a
     * usage error with its reason.
     */
    <T> T record(ServerOptions server, Change<T> change, Remote<T> remote) throws Exception {
        Runs.personText(spec, "--reason", reason, true);
        if (server.remote()) {
            if (as != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--as cannot be used with a server: a flag is changed by the token's person");
            }
            ServerClient client = server.client();
            String project = server.project(client);
            return RemoteFlags.call(spec, () -> remote.make(client, project));
        }
        workspace.writeStoreEarly();
        Plan plan = workspace.plan();
        String person = workspace.actor(as);
        try (Store store = workspace.openStore()) {
            return change.make(new FlagStates(store), plan, person);
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
