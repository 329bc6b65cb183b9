package dev.gantry.changelog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a release section into a changelog file: a new one is inserted, and the section of a version not
 * tagged yet may be replaced. Every other byte already in the file, hand edits included, stays as it was.
 */
public final class ChangelogFile {

    // "## [1.3.0] - ..." (Keep a Changelog), "# [1.3.0](...)" and "### [1.3.1](...)" (conventional-changelog).
    private static final Pattern RELEASE_HEADING = Pattern.compile("(?m)^#{1,3} \\[?v?\\d+\\.\\d+\\.\\d+");
    private static final Pattern LINK_REFERENCE = Pattern.compile("^\\[[^\\]]+\\]: \\S.*$");

    private ChangelogFile() {}

    /** The file's new text with {@code section} placed above the newest release, below any Unreleased part. */
    public static String insert(String existing, KeepAChangelog.Section section, String fileName) {
        Matcher duplicate = sectionHeading(section.title()).matcher(existing);
        if (duplicate.find()) {
            throw new IllegalArgumentException(fileName + ":" + lineOf(existing, duplicate.start())
                    + ": already has a section for " + section.title() + "; nothing written");
        }
        String newline = existing.contains("\r\n") ? "\r\n" : "\n";
        String sectionText = section.text().replace("\n", newline);
        Matcher newest = RELEASE_HEADING.matcher(existing);
        String text;
        if (newest.find()) {
            text = existing.substring(0, newest.start()) + sectionText + newline + existing.substring(newest.start());
        } else if (linkBlockStart(existing) < existing.length()) {
            // No release yet, but links (such as Unreleased's) close the file: the section goes above them.
            int block = linkBlockStart(existing);
            text = existing.substring(0, block) + sectionText + newline + existing.substring(block);
        } else {
            String base = existing.isEmpty() || existing.endsWith(newline) ? existing : existing + newline;
            text = base + (base.isEmpty() || base.endsWith(newline + newline) ? "" : newline) + sectionText;
        }
        if (section.linkReference().isPresent()) {
            text = insertReference(text, section.linkReference().get(), newline);
        }
        return text;
    }

    /**
     * The file's new text with its section for the same version replaced by {@code section}: from that heading to
     * the next heading of the same or a higher level, or to the link definitions that close the file. The blank
     * lines after the old section stay, and so does every other byte; the version's link definition is replaced
     * where it is. A file without such a section gets the new one inserted, as {@link #insert} does.
     */
    public static String replace(String existing, KeepAChangelog.Section section, String fileName) {
        Matcher heading = sectionHeading(section.title()).matcher(existing);
        if (!heading.find()) return insert(existing, section, fileName);
        int start = heading.start();
        int level =
                (int) existing.substring(start).chars().takeWhile(c -> c == '#').count();
        int headingEnd = heading.end();
        if (heading.find()) {
            throw new IllegalArgumentException(fileName + ":" + lineOf(existing, heading.start())
                    + ": a second section for " + section.title() + "; nothing written");
        }
        Matcher next = Pattern.compile("(?m)^#{1," + level + "}(?!#)[ \\t]").matcher(existing);
        int end = next.find(headingEnd) ? next.start() : existing.length();
        int links = linkBlockStart(existing);
        if (links > start) end = Math.min(end, links);
        String newline = existing.contains("\r\n") ? "\r\n" : "\n";
        String old = existing.substring(start, end);
        String blankAfter = old.substring(old.stripTrailing().length());
        String text = existing.substring(0, start)
                + section.text().replace("\n", newline).stripTrailing()
                + blankAfter
                + existing.substring(end);
        if (section.linkReference().isPresent()) {
            Matcher reference = Pattern.compile("(?m)^\\[" + Pattern.quote(section.title()) + "\\]: [^\\r\\n]*")
                    .matcher(text);
            text = reference.find()
                    ? text.substring(0, reference.start())
                            + section.linkReference().get()
                            + text.substring(reference.end())
                    : insertReference(text, section.linkReference().get(), newline);
        }
        return text;
    }

    /** A release heading of the version {@code title}, as {@link #RELEASE_HEADING} finds them. */
    private static Pattern sectionHeading(String title) {
        return Pattern.compile("(?m)^#{1,3} \\[?v?" + Pattern.quote(title) + "(\\]|\\s|$)");
    }

    /**
     * Link definitions of releases sit in one block at the end of the file; the new one goes first in that
     * block. Definitions elsewhere (in the introduction, say) are left alone.
     */
    private static String insertReference(String text, String reference, String newline) {
        int block = linkBlockStart(text);
        if (block == text.length()) {
            return text + (text.endsWith(newline + newline) ? "" : newline) + reference + newline;
        }
        return text.substring(0, block) + reference + newline + text.substring(block);
    }

    /** Where the block of link definitions that closes the text starts; the text's length when there is none. */
    private static int linkBlockStart(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') starts.add(i + 1);
        }
        int line = starts.size() - 1;
        while (line >= 0 && lineText(text, starts, line).isBlank()) line--;
        int last = line;
        while (line >= 0 && LINK_REFERENCE.matcher(lineText(text, starts, line)).matches()) line--;
        return line == last ? text.length() : starts.get(line + 1);
    }

    private static String lineText(String text, List<Integer> starts, int line) {
        int end = line + 1 < starts.size() ? starts.get(line + 1) : text.length();
        return text.substring(starts.get(line), end).stripTrailing();
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** What {@code file} would hold with the section in it (the standard header when it is new); nothing is written. */
    public static String withSection(Path file, KeepAChangelog.Section section) throws IOException {
        return edited(file, text -> insert(text, section, file.getFileName().toString()));
    }

    /** What {@code file} would hold with its section of the same version replaced, as {@link #replace} does. */
    public static String withSectionReplaced(Path file, KeepAChangelog.Section section) throws IOException {
        return edited(file, text -> replace(text, section, file.getFileName().toString()));
    }

    private static String edited(Path file, UnaryOperator<String> edit) throws IOException {
        String existing = Files.exists(file) ? readUtf8(file) : KeepAChangelog.HEADER;
        // A byte-order mark would hide a first heading from the patterns; it is kept, not matched.
        String bom = existing.startsWith("\uFEFF") ? "\uFEFF" : "";
        return bom + edit.apply(existing.substring(bom.length()));
    }

    private static String readUtf8(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text; nothing written");
        }
    }
}
