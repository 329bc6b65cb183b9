package dev.gantry.rollout;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.process.CommandLine;
import dev.gantry.process.OutputTail;
import dev.gantry.process.ProcessLedger;
import dev.gantry.process.ProgramRun;
import dev.gantry.version.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's own scripts, one for each action. Each script gets the call in its arguments (placeholders) and
 * in its environment: {@code GANTRY_STEP_ID} is the idempotency key, the same when a call is repeated after a
 * crash, so a script can tell a repeat from a first call. A script that exits 0 did its action; any other end
 * (another exit code, the timeout, a program that cannot start) is a failed action that says why.
 *
 * <p>Only {@code deploy} and {@code rollback} are needed by every strategy. The others are optional because not
 * every way of deploying has them: an all-at-once or rolling target has no traffic weights, a target whose deploy
 * replaces the old version has nothing to promote, and not every platform can be asked what runs. An action
 * without a script does nothing and is done.
 */
@Doc("The project's own scripts deploy, shift traffic, promote and roll back, such as scripts/deploy.sh; each"
        + " script also finds the call in its environment: GANTRY_STEP_ID (the same when a call is repeated after a"
        + " crash), GANTRY_ACTION, GANTRY_VERSION, GANTRY_PREVIOUS_VERSION, GANTRY_WEIGHT, GANTRY_COLOUR, GANTRY_STEP"
        + " and GANTRY_ENVIRONMENT")
public record CommandTarget(
        @Required
                @Doc("The script that puts the version on the environment, and its arguments, such as"
                        + " [scripts/deploy.sh, --env, \"{environment}\", --version, \"{version}\"]; in every script"
                        + " {version}, {previousVersion}, {weight}, {colour}, {step} and {environment} are replaced,"
                        + " a single string is split on whitespace without shell quoting, and a path with a slash"
                        + " starts in dir")
                List<String> deploy,
        @Doc("The script that sends {weight} percent of the traffic to the new version, such as"
                        + " [scripts/weight.sh, \"{weight}\"]; without it, setting a weight does nothing, as on a"
                        + " target that deploys all at once")
                List<String> setWeight,
        @Doc("The script that makes the new version the only one; without it, promoting does nothing, as on a"
                        + " target whose deploy replaces the old version")
                List<String> promote,
        @Required
                @Doc("The script that brings back the previous version with all the traffic, such as"
                        + " [scripts/deploy.sh, --rollback, --to, \"{previousVersion}\"]")
                List<String> rollback,
        @Doc("The script that prints what runs now; without it, the status is not asked") List<String> status,
        @Doc("How long each script may run before it is stopped with every process it started; 10m by default")
                Duration timeout,
        @Doc("The working directory, from the repository's top folder; the top folder by default") String dir)
        implements Target {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** Lines of output kept per action, both streams together: a script printing megabytes keeps only its end. */
    static final int MAX_OUTPUT = 200;
    // Where the programs running for steps are written down when the run names no place: beside its working tree.
    static final String LEDGER = ".gantry/state/processes";

    private static final int MAX_QUOTED = 120;

    /** The actions: their key in the plan and their name in {@code GANTRY_ACTION} and in messages. */
    private enum Action {
        DEPLOY("deploy", "deploy", "[scripts/deploy.sh, --version, \"{version}\"]"),
        SET_WEIGHT("setWeight", "set-weight", "[scripts/weight.sh, \"{weight}\"]"),
        PROMOTE("promote", "promote", "[scripts/promote.sh, \"{version}\"]"),
        ROLLBACK("rollback", "rollback", "[scripts/deploy.sh, --rollback, --to, \"{previousVersion}\"]"),
        STATUS("status", "status", "[scripts/status.sh]");

        final String key;
        final String word;
        final String example;

        Action(String key, String word, String example) {
            this.key = key;
            this.word = word;
            this.example = example;
        }
    }

    public CommandTarget {
        deploy = script(Action.DEPLOY, deploy, true);
        setWeight = script(Action.SET_WEIGHT, setWeight, false);
        promote = script(Action.PROMOTE, promote, false);
        rollback = script(Action.ROLLBACK, rollback, true);
        status = script(Action.STATUS, status, false);
        timeout = DurationText.positive("timeout", timeout, DEFAULT_TIMEOUT);
        if (dir != null && dir.isBlank()) {
            throw new InvalidValue("dir", "expected a folder such as services/api, got \"" + dir + "\"");
        }
    }

    /** An optional action left out is an empty list; one written but empty is a mistake, as for a required one. */
    private static List<String> script(Action action, List<String> written, boolean required) {
        if (!required && (written == null || written.isEmpty())) return List.of();
        List<String> command = CommandLine.of(written);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new InvalidValue(
                    action.key,
                    "expected a script and its arguments such as " + action.example + ", got "
                            + (command.isEmpty() ? "nothing" : "\"" + command.get(0) + "\" as the program"));
        }
        return command;
    }

    @Override
    public TargetResult deploy(TargetCall call) {
        return run(Action.DEPLOY, deploy, call);
    }

    @Override
    public TargetResult setWeight(TargetCall call) {
        return run(Action.SET_WEIGHT, setWeight, call);
    }

    @Override
    public TargetResult promote(TargetCall call) {
        return run(Action.PROMOTE, promote, call);
    }

    @Override
    public TargetResult rollback(TargetCall call) {
        return run(Action.ROLLBACK, rollback, call);
    }

    @Override
    public TargetResult status(TargetCall call) {
        return run(Action.STATUS, status, call);
    }

    private TargetResult run(Action action, List<String> script, TargetCall call) {
        if (script.isEmpty()) return TargetResult.done("no " + action.key + " script: nothing to do");
        String where = action.word + " " + call.environment() + ": ";
        List<String> command = script.stream().map(call::expand).toList();
        String program = command.get(0);
        Map<String, Object> facts = new TreeMap<>(Map.of("command", CommandLine.shown(command)));
        Path workDir = dir == null
                ? call.root()
                : call.root().resolve(call.expand(dir)).normalize();
        if (!Files.isDirectory(workDir)) {
            return failed(
                    where + "cannot run " + program + ": working directory " + call.expand(dir)
                            + (Files.exists(workDir) ? " is not a folder" : " does not exist"),
                    facts);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // The call's variables are the environment the release runs with; in a real run they are the same.
        builder.environment().putAll(call.variables());
        builder.environment().putAll(variables(action, call));
        ProcessLedger ledger = new ProcessLedger(call.processes());
        try {
            // A coordinator killed during this very call left its program running: one call of a step at a time.
            ledger.stopLeftover(call.stepId()).ifPresent(leftover -> facts.put("stoppedLeftover", leftover.toString()));
        } catch (IOException e) {
            return failed(where + "cannot read the programs written down in " + call.processes() + ": " + e, facts);
        }
        String mark;
        try {
            mark = ledger.marking(call.stepId(), builder);
        } catch (IOException e) {
            return failed(where + "cannot write down " + program + " in " + LEDGER + " before it starts: " + e, facts);
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = ProgramRun.start(builder);
        } catch (IOException e) {
            return failed(where + "cannot start " + program + ": " + ProgramRun.startProblem(e), facts);
        }
        ProgramRun.Ended ended;
        try {
            ledger.started(call.stepId(), mark, process.toHandle());
        } catch (IOException e) {
            ProgramRun.stop(process);
            return failed(
                    where + program + " was stopped: cannot write down its process in " + LEDGER + ": " + e, facts);
        }
        try {
            ended = ProgramRun.await(process, timeout, MAX_OUTPUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(
                    where + program + " was stopped with every process it started: the run was interrupted", facts);
        }
        try {
            ledger.ended(call.stepId());
        } catch (IOException e) {
            // Left written down, it names a process that ended, which is never taken for another.
        }
        facts.put(
                "durationMillis", Duration.ofNanos(System.nanoTime() - started).toMillis());
        return outcome(where, program, ended, facts);
    }

    private static Map<String, String> variables(Action action, TargetCall call) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("GANTRY_STEP_ID", call.stepId());
        variables.put("GANTRY_ACTION", action.word);
        variables.put("GANTRY_VERSION", call.version().toString());
        variables.put(
                "GANTRY_PREVIOUS_VERSION",
                call.previousVersion().map(Version::toString).orElse(""));
        variables.put("GANTRY_WEIGHT", Integer.toString(call.weight()));
        variables.put("GANTRY_COLOUR", call.colour());
        variables.put("GANTRY_STEP", Integer.toString(call.step()));
        variables.put("GANTRY_ENVIRONMENT", call.environment());
        return variables;
    }

    private TargetResult outcome(String where, String program, ProgramRun.Ended ended, Map<String, Object> facts) {
        facts.put("stdoutBytes", ended.out().bytes());
        facts.put("stderrBytes", ended.err().bytes());
        facts.put("stdoutLines", ended.out().lines());
        facts.put("stderrLines", ended.err().lines());
        List<String> output = output(ended.out(), ended.err());
        if (ended.exitCode().isEmpty()) {
            String others = ended.stopped() == 0
                    ? ""
                    : " and " + ended.stopped() + (ended.stopped() == 1 ? " process" : " processes") + " it started";
            String message = where + program + " timed out after " + DurationText.of(timeout) + "; stopped it" + others;
            return new TargetResult(TargetResult.Status.FAILED, message, output, facts);
        }
        int code = ended.exitCode().getAsInt();
        facts.put("exitCode", code);
        if (code == 0) return new TargetResult(TargetResult.Status.DONE, where + program + " exited 0", output, facts);
        String lastWords =
                ended.lastWords(MAX_QUOTED).map(words -> ": " + words).orElse("");
        return new TargetResult(
                TargetResult.Status.FAILED, where + program + " exited " + code + lastWords, output, facts);
    }

    /**
     * The last lines of both streams, marked, within {@link #MAX_OUTPUT}: half each, and what one stream does not
     * use goes to the other. The two streams are read apart, so stdout comes first, then stderr.
     */
    private static List<String> output(OutputTail.Snapshot out, OutputTail.Snapshot err) {
        int fromOut = Math.min(
                out.last().size(),
                Math.max(MAX_OUTPUT / 2, MAX_OUTPUT - err.last().size()));
        int fromErr = Math.min(err.last().size(), MAX_OUTPUT - fromOut);
        List<String> output = new ArrayList<>(fromOut + fromErr);
        out.last().subList(out.last().size() - fromOut, out.last().size()).forEach(line -> output.add("out| " + line));
        err.last().subList(err.last().size() - fromErr, err.last().size()).forEach(line -> output.add("err| " + line));
        return output;
    }

    private static TargetResult failed(String message, Map<String, Object> facts) {
        return new TargetResult(TargetResult.Status.FAILED, message, List.of(), facts);
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("deploy with ").append(CommandLine.shown(deploy));
        if (!setWeight.isEmpty()) text.append(", set weights with ").append(CommandLine.shown(setWeight));
        if (!promote.isEmpty()) text.append(", promote with ").append(CommandLine.shown(promote));
        text.append(", roll back with ").append(CommandLine.shown(rollback));
        if (!status.isEmpty()) text.append(", ask the status with ").append(CommandLine.shown(status));
        return text.append(dir != null ? " in " + dir : "").toString();
    }
}
