package dev.gantry.cli;

import java.util.regex.Pattern;

/**
 * Text from commits and other outside hands, made safe to print on a terminal. An escape sequence in a commit
 * message could set the window title, move the cursor or rewrite what was printed before; so every C0 and C1
 * control character goes, ESC and DEL with them. Newline and tab stay: they lay the output out.
 */
final class TerminalText {

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]");

    private TerminalText() {}

    static String of(String text) {
        return text == null ? null : CONTROL.matcher(text).replaceAll("");
    }
}
