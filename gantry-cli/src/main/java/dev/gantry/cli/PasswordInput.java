package dev.gantry.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Passwords read for an account command: asked at the terminal without echo, or read from standard input one per
 * line when there is no terminal (a script, a pipe). Never an option, which shells and process lists would keep.
 */
final class PasswordInput {

    /** The longest line read: a password is at most 1024 bytes; more is not a password. */
    private static final int MOST = 4096;

    private final CommandSpec spec;
    private final Console console;
    private BufferedReader piped;

    PasswordInput(CommandSpec spec) {
        this.spec = spec;
        this.console = System.console();
    }

    /** A new password: asked twice at a terminal, so that a typing slip is not locked in. */
    String fresh(String prompt) {
        if (console == null) return line(prompt);
        String first = ask(prompt);
        String again = ask("again: ");
        if (!first.equals(again)) throw new ParameterException(spec.commandLine(), "the two passwords differ");
        return first;
    }

    /** A password asked once, such as the current one. */
    String once(String prompt) {
        return console == null ? line(prompt) : ask(prompt);
    }

    private String ask(String prompt) {
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null) throw new ParameterException(spec.commandLine(), "no password was typed");
        return new String(typed);
    }

    private String line(String what) {
        try {
            if (piped == null)
                piped = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), MOST + 2);
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = piped.read()) != -1 && c != '\n') {
                if (line.length() >= MOST)
                    throw new ParameterException(
                            spec.commandLine(),
                            "a line of standard input is too long to be a" + " password (more than " + MOST
                                    + " characters)");
                line.append((char) c);
            }
            if (c == -1 && line.length() == 0)
                throw new ParameterException(
                        spec.commandLine(),
                        "standard input ended before the " + what.replace(": ", "")
                                + "; give one per line, or run at a terminal to be asked");
            if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') line.setLength(line.length() - 1);
            return line.toString();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read standard input: " + e.getMessage());
        }
    }
}
