package dev.gantry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.flags.FlagEvaluations;
import dev.gantry.flags.FlagRefused;
import dev.gantry.flags.FlagStateException;
import dev.gantry.flags.FlagStateSource;
import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.Evaluation;
import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.json.ContextReader;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.plan.Plan;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Say whether a flag is on for a context, the variant it gives with its payload, and why (which strategy"
                    + " and constraint decided), with the semantics of Unleash's client SDKs.",
            "The flags are those of --state FILE when given, read here even with a server; else the state a Gantry"
                    + " server keeps for the environment with --server (or $GANTRY_SERVER), fetched once and"
                    + " evaluated here; else the state kept in the repository's own records.",
            "Exits 0 with the answer whether the flag is on or off; 2 when the context or the state cannot be read,"
                    + " or the state is another environment's than the context's."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry flags evaluate checkout --env production --context '{\"userId\":\"42\"}'",
            "  gantry flags evaluate checkout --state f.json --context '{\"userId\":\"42\"}'",
            "  gantry flags evaluate checkout --env production --server https://gantry.example.com",
            "  gantry flags evaluate checkout --state features.json --env production \\",
            "      --context '{\"userId\":\"42\",\"properties\":{\"country\":\"de\"}}' --json",
            "",
            "The state file has the shape of Unleash's GET /api/client/features answer (version, features, segments)."
        })
final class FlagsEvaluateCommand implements Callable<Integer> {

    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "FLAG", description = "The flag's name.")
    String flag;

    @Option(
            names = "--context",
            paramLabel = "JSON",
            description = "Unleash's context fields: userId, sessionId, remoteAddress, environment, appName,"
                    + " currentTime, and properties (an object of strings). Default: {} (an anonymous context).")
    String context = "{}";

    @Option(
            names = "--env",
            paramLabel = "ENV",
            description = "The context's environment, unless --context names one; without --state, whose kept flags.")
    String environment;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "The flags: a document in the shape of Unleash's GET /api/client/features answer, read"
                    + " here even when a server is named. Default: the state Gantry keeps for the environment"
                    + " (--env, or the context's), on the server when one is named.")
    Path state;

    @Option(names = "--json", description = "Print one JSON object: flag, enabled, variant, reason.")
    boolean json;

    FlagsEvaluateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        FlagContext parsed;
        try {
            parsed = ContextReader.read(context);
        } catch (InvalidJson e) {
            err.println("gantry: --context " + e.getMessage());
            return ExitCode.INVALID;
        }
        Evaluation evaluation;
        try {
            FlagStateSource source = state == null ? kept(parsed) : new FlagStateSource.StateFile(state);
            evaluation = new FlagEvaluations(EvaluatorOptions.system().withClock(clock))
                    .evaluate(source, flag, parsed, Optional.ofNullable(environment));
        } catch (FlagStateException e) {
            err.println("gantry: " + TerminalText.of(e.getMessage()));
            return ExitCode.INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? new ObjectMapper().writeValueAsString(jsonOf(evaluation)) : text(evaluation));
        out.flush();
        return ExitCode.OK;
    }

    /** The state Gantry keeps for the environment named by --env, else by the context: on the server when named. */
    private FlagStateSource kept(FlagContext parsed) throws Exception {
        String env = environment != null ? environment : parsed.environment();
        if (env == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "say whose flags to evaluate against: --env ENV for the state Gantry keeps, or --state FILE");
        }
        if (server.remote()) return served(env);
        workspace.readStoreEarly();
        Plan plan = workspace.plan();
        try (Store store = workspace.openStore()) {
            return new FlagStateSource.Kept(new FlagStates(store).export(plan, env));
        } catch (FlagRefused e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The server's state of {@code env}, as {@code gantry flags export --server} reads it. */
    private FlagStateSource served(String env) throws Exception {
        ServerClient client = server.client();
        String project = server.project(client);
        String document = RemoteFlags.call(spec, () -> client.exportFlags(project, env));
        try {
            return new FlagStateSource.Kept(StateReader.read(document));
        } catch (InvalidJson e) {
            throw new ServerCallException(0, "the server sent flags this command line cannot read: " + e.getMessage());
        }
    }

    private static String text(Evaluation evaluation) {
        StringBuilder out = new StringBuilder();
        out.append(TerminalText.of(evaluation.flag()))
                .append(": ")
                .append(evaluation.enabled() ? "on" : "off")
                .append('\n');
        out.append("variant: ").append(TerminalText.of(evaluation.variant().name()));
        evaluation.variant().payload().ifPresent(p -> out.append(" (payload ")
                .append(TerminalText.of(p.type()))
                .append(": ")
                .append(TerminalText.of(p.value()))
                .append(')'));
        out.append('\n')
                .append("why: ")
                .append(TerminalText.of(evaluation.reason().text()));
        return out.toString();
    }

    private static Map<String, Object> jsonOf(Evaluation evaluation) {
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("name", evaluation.variant().name());
        variant.put("enabled", evaluation.variant().enabled());
        evaluation.variant().payload().ifPresent(p -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", p.type());
            payload.put("value", p.value());
            variant.put("payload", payload);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flag", evaluation.flag());
        out.put("enabled", evaluation.enabled());
        out.put("variant", variant);
        out.put("reason", evaluation.reason().text());
        return out;
    }
}
