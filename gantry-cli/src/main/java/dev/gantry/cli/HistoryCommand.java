package dev.gantry.cli;

import dev.gantry.binding.DurationText;
import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.rollout.RunLog;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
        description = {"List past runs, newest first: environment, version, verdict, reason, duration."},
        footerHeading = "%nExamples:%n",
        footer = {"  gantry history", "  gantry history production"})
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default: 20).")
    int limit = 20;

    @Override
    public Integer call() throws Exception {
        if (limit < 1)
            throw new ParameterException(spec.commandLine(), "--limit needs a positive number, got " + limit);
        if (server.remote()) {
            ServerClient client = server.client();
            return print(
                    client.history(server.project(client), Optional.ofNullable(environment), limit),
                    spec.commandLine(),
                    environment);
        }
        workspace.readStoreEarly();
        List<String> environments = workspace.environments(workspace.plan(), environment);
        List<HistoryQuery.Entry> entries;
        try (Store store = workspace.openStore()) {
            entries = new HistoryQuery(store).newestFirst(environments, limit);
        }
        return print(entries, spec.commandLine(), environment);
    }

    /** Prints the runs as a table, or says on stderr that there is none; whether read here or from a server. */
    static int print(List<HistoryQuery.Entry> entries, CommandLine cli, String environment) {
        if (entries.isEmpty()) {
            cli.getErr().println("no run yet" + (environment == null ? "" : " in " + environment));
            return ExitCode.OK;
        }
        TextTable table = new TextTable("STARTED", "ENV", "VERSION", "VERDICT", "DURATION", "REASON", "COMMIT", "RUN");
        for (HistoryQuery.Entry entry : entries) {
            RunLog.Summary run = entry.run();
            table.row(
                    run.started().toString(),
                    entry.environment(),
                    run.version(),
                    run.end().map(e -> e.verdict().label()).orElse("running or waiting"),
                    run.ended()
                            .map(end -> DurationText.of(
                                    Duration.between(run.started(), end).withNanos(0)))
                            .orElse(""),
                    run.end().map(e -> e.reason()).orElse(""),
                    // A version released again after a rollback is told apart from its first build by its commit.
                    run.commit() == null
                            ? ""
                            : run.commit().substring(0, Math.min(7, run.commit().length())),
                    run.runId());
        }
        PrintWriter out = cli.getOut();
        out.print(table);
        out.flush();
        return ExitCode.OK;
    }
}
