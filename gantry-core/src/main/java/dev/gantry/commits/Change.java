package dev.gantry.commits;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One change a commit carries. Most commits carry one; a squash merge may carry several. A message that
 * does not follow Conventional Commits is a change of its own with no type ("other").
 *
 * @param type the type in lower case, empty for "other"
 * @param breakingNotes migration text from {@code BREAKING CHANGE} footers; empty when only {@code !} marked it
 */
public record Change(
        Optional<String> type,
        Optional<String> scope,
        boolean breaking,
        String description,
        List<String> breakingNotes) {

    public Change {
        type = type.map(t -> t.toLowerCase(Locale.ROOT));
        breakingNotes = List.copyOf(breakingNotes);
    }

    static Change other(String header) {
        return new Change(Optional.empty(), Optional.empty(), false, header, List.of());
    }

    public boolean isConventional() {
        return type.isPresent();
    }

    public boolean hasType(String name) {
        return type.isPresent() && type.get().equals(name);
    }

    Change asBreaking(List<String> notes) {
        return new Change(type, scope, true, description, notes);
    }
}
