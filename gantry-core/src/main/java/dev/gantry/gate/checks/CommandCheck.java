package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.process.CommandLine;
import dev.gantry.process.OutputTail;
import dev.gantry.process.ProgramRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A program of the project, such as a script that checks the database migrations: met when it exits with the
 * expected code. A program that cannot start or outlives its timeout is an error; its output is the evidence.
 */
@Doc("A program exits with the expected code, such as a script that checks the database migrations")
public record CommandCheck(
        @Required
                @Doc("The program and its arguments, each with {version}, {tag}, {environment} and {commit} replaced,"
                        + " such as [./scripts/check-migrations.sh, --env, \"{environment}\"]; a single string (or a"
                        + " list of one) is split on whitespace, without shell quoting, so an argument with spaces"
                        + " needs the list form; a program path with a slash starts in dir")
                List<String> run,
        @Doc("How long the program may run before it is stopped with every process it started; 10m by default")
                Duration timeout,
        @Doc("The exit code that means met; 0 by default") int expectExit,
        @Doc("The working directory, from the repository's top folder; the top folder by default") String dir)
        implements Check {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final int TAIL_LINES = 20;
    private static final int MAX_QUOTED = 120;

    public CommandCheck {
        run = CommandLine.of(run);
        if (run.isEmpty() || run.get(0).isBlank()) {
            throw new InvalidValue(
                    "run",
                    "expected a program and its arguments such as [./scripts/check.sh, --env, \"{environment}\"],"
                            + " got " + (run.isEmpty() ? "nothing" : "\"" + run.get(0) + "\" as the program"));
        }
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
        if (expectExit < 0 || expectExit > 255) {
            throw new InvalidValue("expectExit", "expected an exit code from 0 to 255, got " + expectExit);
        }
        if (dir != null && dir.isBlank()) {
            throw new InvalidValue("dir", "expected a folder such as services/api, got \"" + dir + "\"");
        }
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        List<String> command = run.stream().map(context::expand).toList();
        String shown = CommandLine.shown(command);
        Path workDir = dir == null ? context.root() : context.resolve(dir);
        if (!Files.isDirectory(workDir)) {
            return CheckResult.error("cannot run " + shown + ": working directory " + context.expand(dir)
                    + (Files.exists(workDir) ? " is not a folder" : " does not exist"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        // The context's variables are the environment the release runs with; in a real run they are the same.
        environment.putAll(context.variables());
        environment.put("GANTRY_VERSION", context.version().toString());
        environment.put("GANTRY_TAG", context.tag());
        environment.put("GANTRY_ENVIRONMENT", context.environment());
        environment.put("GANTRY_COMMIT", context.commit());
        Process process;
        try {
            process = ProgramRun.start(builder);
        } catch (IOException e) {
            return CheckResult.error("cannot start " + command.get(0) + ": " + ProgramRun.startProblem(e));
        }
        try {
            return outcome(shown, ProgramRun.await(process, timeout, TAIL_LINES));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.error(shown + " was stopped: the check was interrupted");
        }
    }

    private CheckResult outcome(String shown, ProgramRun.Ended ended) {
        List<String> details = new ArrayList<>();
        tail("stdout", ended.out(), details);
        tail("stderr", ended.err(), details);
        Map<String, Object> facts = new TreeMap<>();
        facts.put("stdoutBytes", ended.out().bytes());
        facts.put("stderrBytes", ended.err().bytes());
        if (ended.exitCode().isEmpty()) {
            String others = ended.stopped() == 0
                    ? ""
                    : " and " + ended.stopped() + (ended.stopped() == 1 ? " process" : " processes") + " it started";
            return CheckResult.error(shown + " timed out after " + DurationText.of(timeout) + "; stopped it" + others)
                    .withDetails(details)
                    .withFacts(facts);
        }
        int code = ended.exitCode().getAsInt();
        facts.put("exitCode", code);
        CheckResult result = code == expectExit
                ? CheckResult.met(shown + " exited " + code)
                : CheckResult.unmet(shown + " exited " + code + ", expected " + expectExit
                        + ended.lastWords(MAX_QUOTED).map(words -> ": " + words).orElse(""));
        return result.withDetails(details).withFacts(facts);
    }

    private static void tail(String name, OutputTail.Snapshot stream, List<String> details) {
        if (stream.lines() == 0) return;
        String count = stream.lines() == 1 ? "1 line" : stream.lines() + " lines";
        details.add(
                stream.last().size() < stream.lines()
                        ? name + " (last " + stream.last().size() + " of " + count + "):"
                        : name + " (" + count + "):");
        details.addAll(stream.last());
    }

    @Override
    public String describe() {
        return CommandLine.shown(run) + " exits " + expectExit + (dir != null ? " in " + dir : "");
    }
}
