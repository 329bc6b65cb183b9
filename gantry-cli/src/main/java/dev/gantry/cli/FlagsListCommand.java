package dev.gantry.cli;

import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.KeptFlag;
import dev.gantry.plan.Plan;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                    + " change with who made it and why."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  gantry flags list", "  gantry flags list --env production"})
final class FlagsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Option(names = "--env", paramLabel = "ENV", description = "One environment (default: every one of the plan).")
    String environment;

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        List<String> environments = workspace.environments(plan, environment);
        Map<String, List<KeptFlag>> byEnvironment = new LinkedHashMap<>();
        try (Store store = workspace.openStore()) {
            FlagStates states = new FlagStates(store);
            for (String env : environments) byEnvironment.put(env, states.in(plan, env));
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (plan.flags().isEmpty()) {
            spec.commandLine().getErr().println("the plan declares no flags: add them under flags: in gantry.yaml");
            return ExitCode.OK;
        }
        TextTable table = new TextTable("FLAG", "ENV", "STATE", "TYPE", "OWNER", "LAST CHANGE");
        for (int i = 0; i < plan.flags().size(); i++) {
            for (Map.Entry<String, List<KeptFlag>> env : byEnvironment.entrySet()) {
                KeptFlag flag = env.getValue().get(i);
                table.row(
                        flag.name(),
                        env.getKey(),
                        FlagsText.state(flag),
                        flag.declared().type().label().toLowerCase(java.util.Locale.ROOT),
                        flag.declared().owner() == null ? "-" : flag.declared().owner(),
                        FlagsText.last(flag));
            }
        }
        out.print(table);
        out.flush();
        return ExitCode.OK;
    }
}
