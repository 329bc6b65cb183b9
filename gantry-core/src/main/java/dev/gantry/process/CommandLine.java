package dev.gantry.process;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** A program and its arguments as the plan writes them and as a shell would show them. */
public final class CommandLine {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\\s'\"\\\\]");

    private CommandLine() {}

    /**
     * The plan's value as a program and its arguments: a single string (or a list of one) is split on whitespace,
     * without shell quoting, so an argument with spaces needs the list form.
     */
    public static List<String> of(List<String> written) {
        if (written == null) return List.of();
        return written.size() == 1 ? words(written.get(0)) : List.copyOf(written);
    }

    private static List<String> words(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? List.of() : Arrays.asList(WHITESPACE.split(stripped));
    }

    /** The command as one would type it in a shell, arguments with spaces or quotes in quotes. */
    public static String shown(List<String> command) {
        return String.join(" ", command.stream().map(CommandLine::quoted).toList());
    }

    private static String quoted(String arg) {
        if (!arg.isEmpty() && !NEEDS_QUOTES.matcher(arg).find()) return arg;
        if (arg.indexOf('\'') < 0) return "'" + arg + "'";
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
