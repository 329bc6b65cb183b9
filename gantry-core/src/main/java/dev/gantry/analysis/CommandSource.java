package dev.gantry.analysis;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.process.CommandLine;
import dev.gantry.process.Marked;
import dev.gantry.process.OutputTail;
import dev.gantry.process.ProgramRun;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A program of the project that prints the value, such as a script that asks a monitoring system Gantry has no
 * source for: the last non-empty line it prints on stdout is the number. It is asked for the present only, so
 * a range is one run.
 */
@Doc("A program that prints the value as the last line of its output; the triggers' queries are its argument")
public record CommandSource(
        @Required
                @Doc("The program and its arguments, each with {query}, {environment} and {version} replaced, such as"
                        + " [./scripts/metric.sh, \"{query}\"]; a single string is split on whitespace; a relative"
                        + " program path starts in the repository's top folder")
                List<String> run,
        @Doc("How long the program may run before it is stopped with every process it started; 30s by default."
                        + " A process it leaves running when it ends is stopped too")
                Duration timeout)
        implements MetricSource {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 20;

    public CommandSource {
        run = run == null ? List.of() : CommandLine.of(run);
        if (run.isEmpty() || run.get(0).isBlank()) {
            throw new InvalidValue(
                    "run",
                    "expected a program and its arguments such as [./scripts/metric.sh, \"{query}\"], got "
                            + (run.isEmpty() ? "nothing" : "\"" + run.get(0) + "\" as the program"));
        }
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
    }

    /** Runs the program once; {@code at} only dates the reading. */
    @Override
    public Reading instant(String query, Instant at, MetricContext context) {
        try {
            return Reading.of(at, value(context.expand(query), context));
        } catch (NoValue e) {
            return Reading.missing(at, e.getMessage());
        } catch (RuntimeException e) {
            return Reading.missing(at, NoValue.unexpected(e));
        }
    }

    /** The program tells the present only, so this cannot look back: the list is one run's reading, at {@code to}. */
    @Override
    public List<Reading> range(String query, Instant from, Instant to, Duration step, MetricContext context) {
        return List.of(instant(query, to, context));
    }

    private double value(String query, MetricContext context) throws NoValue {
        // The query goes in after the placeholders are replaced, so braces in it are left as written.
        List<String> command = run.stream()
                .map(arg -> context.expand(arg).replace("{query}", query))
                .toList();
        String shown = NoValue.cut(CommandLine.shown(command));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(context.root().toFile());
        Map<String, String> environment = builder.environment();
        // The context's variables are the environment the release runs with; in a real run they are the same.
        environment.putAll(context.variables());
        environment.put("GANTRY_QUERY", query);
        environment.put("GANTRY_ENVIRONMENT", context.environment());
        environment.put("GANTRY_VERSION", context.version());
        Marked process;
        try {
            process = Marked.start(builder);
        } catch (IOException e) {
            throw new NoValue("cannot start " + command.get(0) + ": " + ProgramRun.startProblem(e));
        }
        ProgramRun.Ended ended;
        try {
            // A metric is read every few seconds: a process left behind by each read would pile up for the watch.
            ended = ProgramRun.awaitLeavingNothing(process, timeout, TAIL_LINES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoValue(shown + " was stopped: the watch was interrupted");
        }
        if (ended.exitCode().isEmpty()) {
            throw new NoValue(shown + " timed out after " + DurationText.of(timeout) + "; stopped it");
        }
        int code = ended.exitCode().getAsInt();
        if (code != 0)
            throw new NoValue(shown + " exited " + code
                    + ended.lastWords(120).map(w -> ": " + NoValue.cut(w)).orElse(""));
        String printed = lastLine(ended.out());
        if (printed.isEmpty()) throw new NoValue(shown + " printed nothing on stdout; expected a number");
        OptionalDouble number = NumberText.parse(printed);
        if (number.isEmpty()) {
            throw new NoValue(shown + " printed " + NoValue.quote(printed) + " last, not a number");
        }
        return number.getAsDouble();
    }

    private static String lastLine(OutputTail.Snapshot stream) {
        for (int i = stream.last().size() - 1; i >= 0; i--) {
            String line = stream.last().get(i).strip();
            if (!line.isEmpty()) return line;
        }
        return "";
    }

    @Override
    public String describe() {
        return "the number printed last by " + NoValue.cut(CommandLine.shown(run));
    }
}
