package dev.gantry.changelog;

import dev.gantry.version.ReleaseType;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes release notes from a Pebble template: the built-in one follows the release notes template of the
 * release process (What's New, Performance Improvements, Bug Fixes, Documentation, Breaking Changes, ...).
 */
public final class ReleaseNotes {

    private static final String BUILT_IN = "dev/gantry/changelog/notes.md.peb";

    private ReleaseNotes() {}

    /** Renders the notes; {@code template} replaces the built-in template when present. */
    public static String render(
            ReleaseChanges release, ReleaseType type, NotesSettings settings, Optional<Path> template)
            throws IOException {
        PebbleTemplate compiled;
        try {
            compiled = compile(template);
        } catch (PebbleException e) {
            throw new IllegalArgumentException(template.map(Path::toString).orElse(BUILT_IN) + ":"
                    + Optional.ofNullable(e.getLineNumber())
                            .map(String::valueOf)
                            .orElse("?") + ": "
                    + e.getPebbleMessage());
        }
        StringWriter out = new StringWriter();
        try {
            compiled.evaluate(out, model(release, type, settings));
        } catch (PebbleException e) {
            throw new IllegalArgumentException(template.map(Path::toString).orElse(BUILT_IN) + ": " + e.getMessage());
        }
        return out.toString();
    }

    private static PebbleTemplate compile(Optional<Path> template) throws IOException {
        // Notes are Markdown, not HTML: commit text comes escaped for Markdown (see model), HTML escaping would show.
        PebbleEngine.Builder builder =
                new PebbleEngine.Builder().autoEscaping(false).newLineTrimming(true);
        if (template.isEmpty()) {
            return builder.loader(new ClasspathLoader()).build().getTemplate(BUILT_IN);
        }
        Path file = template.get().toAbsolutePath();
        if (!Files.isReadable(file)) {
            throw new IOException("notes template " + template.get() + " cannot be read");
        }
        FileLoader loader = new FileLoader(file.getParent().toString());
        return builder.loader(loader).build().getTemplate(file.getFileName().toString());
    }

    private static Map<String, Object> model(ReleaseChanges release, ReleaseType type, NotesSettings settings) {
        Map<String, Object> model = new HashMap<>();
        model.put("version", release.title());
        model.put("tag", release.tag().orElse(release.title()));
        model.put("date", release.date().format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)));
        model.put("isoDate", release.date().toString());
        String typeName = type.label().substring(0, 1).toUpperCase(Locale.ROOT)
                + type.label().substring(1);
        model.put("releaseType", typeName);
        // Templates, the user's too, get commit text already escaped for Markdown: no template can forget it.
        model.put("features", escaped(release.ofType("feat")));
        model.put("performance", escaped(release.ofType("perf")));
        // A revert of something released before takes a change back: readers look for it among the fixes.
        model.put("fixes", escaped(release.ofType("fix", "revert")));
        model.put("documentation", escaped(release.ofType("docs")));
        model.put("security", escaped(release.ofType("security")));
        model.put("reverts", escaped(release.ofType("revert")));
        model.put("breaking", escaped(release.breaking()));
        model.put("entries", escaped(release.entries()));
        model.put("comingNext", settings.comingNext());
        model.put("support", settings.support());
        return model;
    }

    private static List<Entry> escaped(List<Entry> entries) {
        return entries.stream()
                .map(e -> new Entry(
                        e.type(),
                        e.scope().map(MarkdownText::inline),
                        MarkdownText.inline(e.description()),
                        e.breaking(),
                        e.breakingNotes().stream().map(MarkdownText::block).toList(),
                        e.hash(),
                        e.references().stream().map(MarkdownText::inline).toList()))
                .toList();
    }
}
