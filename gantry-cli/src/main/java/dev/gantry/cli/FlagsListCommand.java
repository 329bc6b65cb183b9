package dev.gantry.cli;

import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.KeptFlag;
import dev.gantry.plan.Plan;
import dev.gantry.server.api.ApiJson;
import dev.gantry.server.api.FlagView;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "List the plan's flags as Gantry keeps them in each environment: on or off, type, owner, and the last"
                    + " change with who made it and why.",
            "--json prints one JSON array of the flags, environment by environment, each with its declaration,"
                    + " state, strategies, variants, dependencies and segments in Unleash's shape, and last change."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry flags list",
            "  gantry flags list --env production --json",
            "  gantry flags list --server https://gantry.example.com"
        })
final class FlagsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ServerOptions server;

    @Option(names = "--env", paramLabel = "ENV", description = "One environment (default: every one of the plan).")
    String environment;

    @Option(names = "--json", description = "Print the flags as one JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<FlagView> flags = server.remote() ? remote() : local();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ApiJson.mapper().writeValueAsString(flags));
            out.flush();
            return ExitCode.OK;
        }
        if (flags.isEmpty()) {
            spec.commandLine().getErr().println("the plan declares no flags: add them under flags: in gantry.yaml");
            return ExitCode.OK;
        }
        // The flags come environment by environment; the table shows each flag in every environment in turn.
        Map<String, List<FlagView>> byFlag = new LinkedHashMap<>();
        for (FlagView flag : flags)
            byFlag.computeIfAbsent(flag.name(), name -> new ArrayList<>()).add(flag);
        TextTable table = new TextTable("FLAG", "ENV", "STATE", "TYPE", "OWNER", "LAST CHANGE");
        for (List<FlagView> environments : byFlag.values()) {
            for (FlagView flag : environments) {
                table.row(
                        flag.name(),
                        flag.environment(),
                        FlagsText.state(flag),
                        flag.type(),
                        flag.owner().orElse("-"),
                        FlagsText.last(flag));
            }
        }
        out.print(table);
        out.flush();
        return ExitCode.OK;
    }

    private List<FlagView> local() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        List<String> environments = workspace.environments(plan, environment);
        List<FlagView> flags = new ArrayList<>();
        try (Store store = workspace.openStore()) {
            FlagStates states = new FlagStates(store);
            for (String env : environments) {
                for (KeptFlag flag : states.in(plan, env)) flags.add(FlagView.of(flag, env));
            }
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return flags;
    }

    private List<FlagView> remote() throws Exception {
        ServerClient client = server.client();
        String project = server.project(client);
        return RemoteFlags.call(spec, () -> client.flags(project, Optional.ofNullable(environment)));
    }
}
