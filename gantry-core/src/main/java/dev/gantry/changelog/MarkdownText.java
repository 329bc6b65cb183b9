package dev.gantry.changelog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from commits, made safe to place in Markdown. Whoever writes a commit message must not be able to open
 * HTML, make a link or an image, or start a heading, a table, a quote, a list or a code block in the changelog,
 * the notes or a release document. Backslash escapes and entities are used, so the rendered text reads exactly
 * as the commit wrote it; code spans stay code spans, since nothing inside one is markup.
 */
public final class MarkdownText {

    // C0 and C1 controls and DEL: a document holds no escape sequences, and a tab is only whitespace.
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]");
    private static final Pattern ENTITY =
            Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}(?:[ \\t]|$)");
    private static final Pattern BULLET = Pattern.compile("^[-+*](?:[ \\t]|$)");
    private static final Pattern ORDERED = Pattern.compile("^(\\d{1,9})([.)])(?:[ \\t]|$)");
    private static final Pattern RULE = Pattern.compile("^([-*_])[ \\t]*(?:\\1[ \\t]*){2,}$");
    private static final Pattern UNDERLINE = Pattern.compile("^(?:=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^~{3,}");
    private static final Pattern ESCAPED = Pattern.compile("\\\\([!-/:-@\\[-`{-~])|&(lt|gt|amp|quot|#39);");

    private MarkdownText() {}

    /** Text for inside one line: a list item, a heading, a bold scope. Line breaks become spaces. */
    public static String inline(String text) {
        return line(oneLine(text), false);
    }

    /** Text for one cell of a table: as {@link #inline}, with pipes escaped inside code spans too. */
    public static String cell(String text) {
        return line(oneLine(text), true);
    }

    /**
     * Text of several lines set as paragraphs of its own, such as the migration text of a breaking change. Each
     * line is escaped as if it opened a block, and loses its indentation so that it cannot become code.
     */
    public static String block(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder();
        String[] lines = text.strip().split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) out.append('\n');
            out.append(line(lines[i], false));
        }
        return out.toString();
    }

    /**
     * Markdown text as a person reads it: backslash escapes and the entities written here turned back into their
     * characters. For renderers that write another format from Markdown and escape for it themselves.
     */
    public static String plain(String markdown) {
        Matcher m = ESCAPED.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String character = m.group(1) != null
                    ? m.group(1)
                    : switch (m.group(2)) {
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "#39" -> "'";
                        default -> "&";
                    };
            m.appendReplacement(out, Matcher.quoteReplacement(character));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** One line, escaped as the start of a block: what Markdown reads at a line's start is where blocks open. */
    private static String line(String raw, boolean cell) {
        String text = CONTROL.matcher(raw).replaceAll("").strip();
        StringBuilder out = new StringBuilder(text.length() + 8);
        int from = 0;
        Matcher ordered = ORDERED.matcher(text);
        if (HEADING.matcher(text).find()
                || BULLET.matcher(text).find()
                || RULE.matcher(text).matches()
                || UNDERLINE.matcher(text).matches()
                || FENCE.matcher(text).find()
                || text.startsWith(">")) {
            out.append('\\').append(text.charAt(0));
            from = 1;
        } else if (ordered.find()) {
            out.append(ordered.group(1)).append('\\').append(ordered.group(2));
            from = ordered.end(2);
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '`' -> i = codeSpan(text, i, cell, out);
                case '\\' ->
                    out.append(i + 1 == text.length() || isAsciiPunctuation(text.charAt(i + 1)) ? "\\\\" : "\\");
                case '<' -> out.append("&lt;");
                case '&' ->
                    out.append(ENTITY.matcher(text).region(i, text.length()).lookingAt() ? "&amp;" : "&");
                case '[', ']', '|' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A code span is copied as it is, since Markdown shows its content literally; backticks that close nothing are
     * escaped so that they open neither a span nor a fence. Returns the index of the last character consumed.
     */
    private static int codeSpan(String text, int start, boolean cell, StringBuilder out) {
        int run = runLength(text, start);
        for (int i = start + run; i < text.length(); i++) {
            if (text.charAt(i) != '`') continue;
            int closing = runLength(text, i);
            if (closing == run) {
                String span = text.substring(start, i + run);
                // A table splits its row at every pipe, even one inside a code span, unless it is escaped.
                out.append(cell ? span.replace("|", "\\|") : span);
                return i + run - 1;
            }
            i += closing - 1;
        }
        out.append("\\`".repeat(run));
        return start + run - 1;
    }

    private static int runLength(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) == '`') end++;
        return end - start;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}
