package dev.gantry.changelog;

import dev.gantry.binding.Doc;
import java.util.List;

/** The {@code notes:} part of the plan file. */
@Doc("How release notes are written")
public record NotesSettings(
        @Doc("A Pebble template replacing the built-in one, relative to the repository root") String template,
        @Doc("Lines of the \"Coming Next\" part; left out when empty") List<String> comingNext,
        @Doc("The text of the \"Support\" part; left out when absent") String support) {

    public static final NotesSettings DEFAULTS = new NotesSettings(null, null, null);

    public NotesSettings {
        comingNext = comingNext == null ? List.of() : List.copyOf(comingNext);
    }
}
