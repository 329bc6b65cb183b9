package dev.gantry.cli;

import dev.gantry.binding.PlanException;
import dev.gantry.git.GitException;
import dev.gantry.local.LocalVariants;
import dev.gantry.rollout.Time;
import dev.gantry.store.StoreException;
import dev.gantry.version.VersionConflict;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Wires Gantry's command line: the one place that reads the real clock. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Clock clock;
        try {
            clock = clock(System.getenv("SOURCE_DATE_EPOCH"));
        } catch (IllegalArgumentException e) {
            System.err.println("gantry: " + e.getMessage());
            System.exit(ExitCode.INVALID);
            return;
        }
        System.exit(run(args, clock));
    }

    /**
     * The real clock, or the fixed instant of {@code SOURCE_DATE_EPOCH} (seconds since 1970, the reproducible-builds
     * convention) so documents made twice come out byte for byte the same.
     */
    static Clock clock(String sourceDateEpoch) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) return Clock.systemDefaultZone();
        try {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.strip())), ZoneId.systemDefault());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "SOURCE_DATE_EPOCH must be whole seconds since 1970, got \"" + sourceDateEpoch + "\"");
        }
    }

    static int run(String[] args, Clock clock) {
        // A run waits on real time even when documents are dated by SOURCE_DATE_EPOCH: a fixed clock never
        // reaches the end of a watch window.
        boolean fixed = clock.equals(Clock.fixed(clock.instant(), clock.getZone()));
        Time time = new Time.SystemTime(fixed ? Clock.systemDefaultZone() : clock);
        return run(args, time, clock, null, null);
    }

    static int run(String[] args, Time time, PrintWriter out, PrintWriter err) {
        return run(args, time, time.clock(), out, err);
    }

    /** Runs a command on {@code time}, writing to {@code out} and {@code err} when given (the console otherwise). */
    static int run(String[] args, Time time, Clock clock, PrintWriter out, PrintWriter err) {
        LocalVariants.register();
        CommandLine cli = new CommandLine(new GantryCommand(), new Factory(time, clock));
        if (out != null) cli.setOut(out);
        if (err != null) cli.setErr(err);
        cli.registerConverter(LocalDate.class, Main::date);
        cli.setExecutionExceptionHandler(Main::handle);
        // "@file" is an argument like any other: a reason or a name must never be read from a file by accident.
        cli.setExpandAtFiles(false);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("gantry: " + e.getMessage());
            e.getCommandLine()
                    .getErr()
                    .println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID;
        });
        int code = cli.execute(args);
        // A store a command began to open early and never asked for, as it failed before, is closed here.
        for (CommandLine.ParseResult p = cli.getParseResult(); p != null; p = p.subcommand()) {
            for (CommandLine.Model.CommandSpec mixin : p.commandSpec().mixins().values()) {
                if (mixin.userObject() instanceof Workspace workspace) workspace.closeUnclaimedStore();
            }
        }
        return code;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("expected a date like 2026-11-23, got \"" + text + "\"");
        }
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof PlanException plan) {
            plan.errors().forEach(err::println);
            return ExitCode.INVALID;
        }
        if (e instanceof StoreException store) {
            err.println("gantry: " + store.getMessage());
            return ExitCode.INVALID;
        }
        if (e instanceof dev.gantry.server.client.ServerCallException call
                && call.problem()
                        .filter(p -> p == dev.gantry.server.api.Problem.NOTHING_TO_RELEASE)
                        .isPresent()) {
            err.println(TerminalText.of(call.getMessage()));
            return ExitCode.NOTHING_TO_DO;
        }
        if (e instanceof dev.gantry.server.client.ServerCallException
                || e instanceof dev.gantry.server.ServerException) {
            err.println("gantry: " + TerminalText.of(e.getMessage())); // a server's text is shown, never obeyed
            return ExitCode.INVALID;
        }
        if (e instanceof GitException
                || e instanceof VersionConflict
                || e instanceof IOException
                || e instanceof IllegalArgumentException) {
            err.println("gantry: " + e.getMessage());
            return ExitCode.INVALID;
        }
        err.println("gantry: internal error (a bug, please report it): " + e);
        e.printStackTrace(err);
        return ExitCode.INTERNAL;
    }

    /**
     * Gives the time to every command that waits, and its clock to every command that reads one; picocli builds
     * everything else.
     */
    record Factory(Time time, Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length != 1) continue;
                constructor.setAccessible(true);
                if (parameters[0] == Time.class) return type.cast(constructor.newInstance(time));
                if (parameters[0] == Clock.class) return type.cast(constructor.newInstance(clock));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
