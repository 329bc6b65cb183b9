package dev.gantry.cli;

import dev.gantry.coordinate.HistoryQuery;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.rollout.RunState;
import dev.gantry.server.client.ServerClient;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
        name = "report",
        sortOptions = false,
        description = {
            "(Re)write the release report of the last run of the release in ENV, from the run's events:"
                    + " .gantry/releases/v<version>/report-<env>.md, .json and .html. Prints the Markdown one's path.",
            "With --lesson, first writes the lesson down in the run's log, for the report's Lessons section."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gantry report production",
            "  gantry report staging --version 1.4.0",
            "  gantry report production --server https://gantry.example.com",
            "  gantry report production --lesson \"the canary needed more traffic to judge p99\" --as \"Mark Liu\""
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Workspace workspace;

    @Mixin
    ReleaseOptions release;

    @Parameters(index = "0", paramLabel = "ENV", description = "The environment of the run.")
    String environment;

    @Option(
            names = "--lesson",
            paramLabel = "TEXT",
            description = "A one-line lesson for the retrospective; may be given more than once.")
    List<String> lessons = List.of();

    @Option(names = "--as", paramLabel = "NAME", description = "Who writes the lessons down (needed with --lesson).")
    String person;

    @Mixin
    ServerOptions server;

    private final Clock clock;

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        if (server.remote()) return remote();
        for (String lesson : lessons) Runs.personText(spec, "--lesson", lesson, true);
        Plan plan = workspace.plan();
        Environment env = Runs.environment(spec, plan, environment);
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        Candidate candidate = found.get();
        String version = candidate.version().toString();
        Path report;
        try (Store store = workspace.openStore()) {
            Map<String, List<RunLog.Logged>> runs = new RunLog(store).runs(version, environment);
            if (runs.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "no run of " + version + " in " + environment + " yet: gantry release " + environment
                                + " makes one");
            }
            List<RunLog.Logged> last = List.copyOf(runs.values()).get(runs.size() - 1);
            // A report is written only of a run whose record holds: never of one edited in the store.
            String runId = ((dev.gantry.rollout.RunEvent.Started) last.get(0).event()).runId();
            new RunLog(store).verify(version, environment, runId);
            if (!lessons.isEmpty()) last = writeDown(new RunLog(store), version, last);
            report = Runs.writeReport(workspace, store, candidate, env, last, clock);
        }
        spec.commandLine().getOut().println(workspace.repository().root().relativize(report));
        return ExitCode.OK;
    }

    /**
     * The same report of the same run, the last of the release in ENV, as the server has it: rendered there from its
     * records by the same renderers, and written here where the command writes it.
     */
    private int remote() throws Exception {
        if (!lessons.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "--lesson cannot be used with a server yet: it writes to the run's log here");
        }
        Plan plan = workspace.plan();
        Runs.environment(spec, plan, environment);
        Optional<Candidate> found = release.candidate(workspace, LocalDate.now(clock));
        if (found.isEmpty()) return workspace.nothingToRelease();
        String version = found.get().version().toString();
        ServerClient client = server.client();
        String project = server.project(client);
        // Newest first: the first of the version is its last run.
        Optional<HistoryQuery.Entry> last =
                client.history(project, Optional.of(environment), Integer.MAX_VALUE).stream()
                        .filter(e -> e.run().version().equals(version))
                        .findFirst();
        if (last.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no run of " + version + " in " + environment + " on the server yet: gantry release " + environment
                            + " makes one");
        }
        String runId = last.get().run().runId();
        Path folder = workspace.releaseDir(found.get().version());
        String name = "report-" + environment;
        String markdown = client.report(project, runId, "md");
        String json = client.report(project, runId, "json");
        String html = client.report(project, runId, "html");
        Path report = folder.resolve(name + ".md");
        dev.gantry.files.AtomicFile.write(report, markdown);
        dev.gantry.files.AtomicFile.write(folder.resolve(name + ".json"), json);
        dev.gantry.files.AtomicFile.write(folder.resolve(name + ".html"), html);
        spec.commandLine().getOut().println(workspace.repository().root().relativize(report));
        return ExitCode.OK;
    }

    /** Appends the lessons to the run and gives its events with them. */
    private List<RunLog.Logged> writeDown(RunLog log, String version, List<RunLog.Logged> run) throws StoreException {
        if (person == null || person.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--lesson needs --as NAME: who writes the lesson down");
        }
        for (String lesson : lessons) {
            if (lesson.isBlank() || lesson.contains("\n")) {
                throw new ParameterException(
                        spec.commandLine(), "--lesson takes one line of text, got \"" + lesson + "\"");
            }
        }
        RunEvent.Started start = RunState.of(RunLog.events(run)).start();
        for (String lesson : lessons) {
            log.append(
                    start.runId(),
                    version,
                    environment,
                    person,
                    clock.instant(),
                    new RunEvent.LessonNoted(lesson.strip(), person));
        }
        return log.runs(version, environment).get(start.runId());
    }
}
