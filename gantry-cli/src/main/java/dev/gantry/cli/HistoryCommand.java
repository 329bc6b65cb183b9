package dev.gantry.cli;

import dev.gantry.binding.DurationText;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "ENV", description = "Only this environment.")
    String environment;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default: 20).")
    int limit = 20;

    @Override
    public Integer call() throws Exception {
        workspace.readStoreEarly();
        List<String> environments = workspace.environments(workspace.plan(), environment);
        List<Row> rows = new ArrayList<>();
        try (Store store = workspace.openStore()) {
            RunLog log = new RunLog(store);
            for (String env : environments) {
                for (RunLog.Summary run : log.history(env)) rows.add(new Row(env, run));
            }
        }
        rows.sort((a, b) -> b.run().started().compareTo(a.run().started()));
        PrintWriter out = spec.commandLine().getOut();
        if (rows.isEmpty()) {
            spec.commandLine().getErr().println("no run yet" + (environment == null ? "" : " in " + environment));
            return ExitCode.OK;
        }
        TextTable table = new TextTable("STARTED", "ENV", "VERSION", "VERDICT", "DURATION", "REASON", "COMMIT", "RUN");
        for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            RunLog.Summary run = row.run();
            table.row(
                    run.started().toString(),
                    row.environment(),
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
        out.print(table);
        out.flush();
        return ExitCode.OK;
    }

    private record Row(String environment, RunLog.Summary run) {}
}
