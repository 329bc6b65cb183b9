package dev.gantry.cli;

import dev.gantry.git.GitException;
import dev.gantry.plan.yaml.PlanException;
import dev.gantry.version.VersionConflict;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Wires Gantry's command line: the one place that reads the real clock. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, Clock.systemDefaultZone()));
    }

    static int run(String[] args, Clock clock) {
        CommandLine cli = new CommandLine(new GantryCommand(), new Factory(clock));
        cli.registerConverter(LocalDate.class, Main::date);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("gantry: " + e.getMessage());
            e.getCommandLine()
                    .getErr()
                    .println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID;
        });
        return cli.execute(args);
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

    /** Gives commands the clock; picocli builds everything else. */
    private record Factory(Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ChangelogCommand.class) return type.cast(new ChangelogCommand(clock));
            if (type == NotesCommand.class) return type.cast(new NotesCommand(clock));
            return CommandLine.defaultFactory().create(type);
        }
    }
}
