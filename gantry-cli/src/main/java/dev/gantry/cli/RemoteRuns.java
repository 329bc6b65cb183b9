package dev.gantry.cli;

import dev.gantry.coordinate.EnvironmentStatus;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Following and addressing a run that a server runs: what release, decide and abort do with --server. */
final class RemoteRuns {

    /** How long one request for a run's next events waits on the server. */
    private static final int WAIT_SECONDS = 30;

    private RemoteRuns() {}

    /**
     * Prints the run's events as they come, one line each as in a CI log, until it ends, or, with {@code detach},
     * until it waits for a person; returns the exit code the same run gives locally.
     */
    static int follow(ServerClient client, String project, String runId, CommandSpec spec, boolean detach)
            throws ServerCallException {
        PrintWriter out = spec.commandLine().getOut();
        List<RunLog.Logged> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            for (RunLog.Logged event : client.events(project, runId, after, WAIT_SECONDS)) {
                out.println(event.at().truncatedTo(ChronoUnit.MILLIS) + "  " + RunLines.of(event.event()));
                seen.add(event);
                after = event.sequence();
            }
            out.flush();
            if (seen.isEmpty()) continue;
            RunState state = RunState.of(RunLog.events(seen));
            if (state.finished() || (detach && state.waiting().isPresent()))
                return Runs.exitCode(state, spec.commandLine().getErr(), true);
        }
    }

    /** The run of {@code environment} that has not ended, as the server knows it; a usage error when there is none. */
    static String unfinished(ServerClient client, String project, String environment, CommandSpec spec)
            throws ServerCallException {
        Optional<EnvironmentStatus.LastRun> last =
                client.status(project, Optional.of(environment)).get(0).last();
        if (last.isEmpty() || last.get().summary().end().isPresent())
            throw new ParameterException(
                    spec.commandLine(), "no run in " + environment + " is unfinished on the server");
        return last.get().summary().runId();
    }
}
