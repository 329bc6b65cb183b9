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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a new release section into a changelog file. Only inserts: every byte already in the file, hand
 * edits included, stays as it was.
 */
public final class ChangelogFile {

    // "## [1.3.0] - ..." (Keep a Changelog), "# [1.3.0](...)" and "### [1.3.1](...)" (conventional-changelog).
    private static final Pattern RELEASE_HEADING = Pattern.compile("(?m)^#{1,3} \\[?v?\\d+\\.\\d+\\.\\d+");
    private static final Pattern LINK_REFERENCE = Pattern.compile("^\\[[^\\]]+\\]: \\S.*$");

    private ChangelogFile() {}

    /** The file's new text with {@code section} placed above the newest release, below any Unreleased part. */
    public static String insert(String existing, KeepAChangelog.Section section, String fileName) {
        Matcher duplicate = Pattern.compile("(?m)^#{1,3} \\[?v?" + Pattern.quote(section.title()) + "(\\]|\\s|$)")
                .matcher(existing);
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
        String existing = Files.exists(file) ? readUtf8(file) : KeepAChangelog.HEADER;
        // A byte-order mark would hide a first heading from the patterns; it is kept, not matched.
        String bom = existing.startsWith("\uFEFF") ? "\uFEFF" : "";
        return bom
                + insert(
                        existing.substring(bom.length()),
                        section,
                        file.getFileName().toString());
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
