package dev.gantry.changelog;

import java.util.List;

/**
 * The {@code notes:} part of the plan file.
 *
 * @param template a Pebble template file replacing the built-in one, relative to the repository root
 * @param comingNext lines for the "Coming Next" part; left out when empty
 * @param support the text of the "Support" part; left out when absent
 */
public record NotesSettings(String template, List<String> comingNext, String support) {

    public static final NotesSettings DEFAULTS = new NotesSettings(null, null, null);

    public NotesSettings {
        comingNext = comingNext == null ? List.of() : List.copyOf(comingNext);
    }
}
