package dev.gantry.changelog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a new release section into a changelog file. Only inserts: every byte already in the file, hand
 * edits included, stays as it was. The file is replaced atomically, so a failure leaves the old one.
 */
public final class ChangelogFile {

    private static final Pattern RELEASE_HEADING = Pattern.compile("(?m)^## \\[?v?\\d+\\.\\d+\\.\\d+");
    private static final Pattern LINK_REFERENCE = Pattern.compile("(?m)^\\[[^\\]]+\\]: \\S");

    private ChangelogFile() {}

    /** The file's new text with {@code section} placed above the newest release, below any Unreleased part. */
    public static String insert(String existing, KeepAChangelog.Section section, String fileName) {
        Matcher duplicate = Pattern.compile("(?m)^## \\[?v?" + Pattern.quote(section.title()) + "\\]?(\\s|$)")
                .matcher(existing);
        if (duplicate.find()) {
            int line = (int) existing.substring(0, duplicate.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            throw new IllegalArgumentException(
                    fileName + ":" + line + ": already has a section for " + section.title() + "; nothing written");
        }
        Matcher newest = RELEASE_HEADING.matcher(existing);
        String text;
        if (newest.find()) {
            text = existing.substring(0, newest.start()) + section.text() + "\n" + existing.substring(newest.start());
        } else {
            String base = existing.isEmpty() || existing.endsWith("\n") ? existing : existing + "\n";
            text = base + (base.isEmpty() || base.endsWith("\n\n") ? "" : "\n") + section.text();
        }
        if (section.linkReference().isPresent()) {
            text = insertReference(text, section.linkReference().get());
        }
        return text;
    }

    private static String insertReference(String text, String reference) {
        Matcher first = LINK_REFERENCE.matcher(text);
        if (first.find()) {
            return text.substring(0, first.start()) + reference + "\n" + text.substring(first.start());
        }
        return text + (text.endsWith("\n\n") ? "" : "\n") + reference + "\n";
    }

    /** Writes the section into {@code file}, creating it with the standard header when it does not exist. */
    public static void write(Path file, KeepAChangelog.Section section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : KeepAChangelog.HEADER;
        String updated = insert(existing, section, file.getFileName().toString());
        writeAtomically(file, updated);
    }

    public static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
