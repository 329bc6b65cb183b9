package dev.gantry.gate.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ATX headings ({@code #} to {@code ######}) of a Markdown text, as CommonMark reads them. */
final class MarkdownHeadings {

    /** A heading: its line (from 1), its text without the marks, and the line as written. */
    record Heading(int line, String text, String source) {

        /**
         * Whether the text has {@code value} as a whole token: "1.4.0" is in "[1.4.0] - 2026-11-20" and in
         * "v1.4.0", but not in "11.4.0", "1.4.01" or "1.4.0-rc.1", which are other versions.
         */
        boolean mentions(String value) {
            if (value.isEmpty()) return false;
            for (int i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
                if (startsToken(text, i, value) && endsToken(text, i + value.length(), value)) return true;
            }
            return false;
        }
    }

    private static final Pattern ATX = Pattern.compile(" {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*");
    private static final Pattern CLOSING = Pattern.compile("(?:^|[ \\t]+)#+$");
    private static final Pattern FENCE = Pattern.compile(" {0,3}(`{3,}|~{3,})(.*)");

    private MarkdownHeadings() {}

    /** The headings of {@code markdown}, outside fenced code blocks, in the order they appear. */
    static List<Heading> of(String markdown) {
        List<Heading> headings = new ArrayList<>();
        String fence = null;
        int number = 0;
        for (String line : markdown.lines().toList()) {
            number++;
            Matcher f = FENCE.matcher(line);
            if (fence == null
                    && f.matches()
                    && !(f.group(1).startsWith("`") && f.group(2).contains("`"))) {
                fence = f.group(1);
                continue;
            }
            if (fence != null) {
                // A fence closes with at least as many of the same marks and nothing after them but spaces.
                if (f.matches()
                        && f.group(1).charAt(0) == fence.charAt(0)
                        && f.group(1).length() >= fence.length()
                        && f.group(2).isBlank()) {
                    fence = null;
                }
                continue;
            }
            Matcher h = ATX.matcher(line);
            if (h.matches()) {
                String text =
                        h.group(2) == null ? "" : CLOSING.matcher(h.group(2)).replaceFirst("");
                headings.add(new Heading(number, text.strip(), line.strip()));
            }
        }
        return headings;
    }

    private static boolean startsToken(String text, int at, String value) {
        if (at == 0 || !isWord(value.charAt(0))) return true;
        char before = text.charAt(at - 1);
        // "v1.4.0" names version 1.4.0, as tags often do.
        if ((before == 'v' || before == 'V') && Character.isDigit(value.charAt(0))) {
            return at == 1 || !isWord(text.charAt(at - 2));
        }
        if (isWord(before)) return false;
        return !(before == '.' && at >= 2 && isWord(text.charAt(at - 2)));
    }

    private static boolean endsToken(String text, int end, String value) {
        if (end == text.length() || !isWord(value.charAt(value.length() - 1))) return true;
        char after = text.charAt(end);
        if (isWord(after)) return false;
        // 1.4.0.1, 1.4.0-rc.1 and 1.4.0+build are other versions; a full stop ending a sentence is not.
        boolean joins = after == '.' || after == '-' || after == '+';
        return !(joins && end + 1 < text.length() && isWord(text.charAt(end + 1)));
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
