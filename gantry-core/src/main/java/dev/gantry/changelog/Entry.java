package dev.gantry.changelog;

import java.util.List;
import java.util.Optional;

/** One line of a changelog section: a change, the commit that made it, and the issues it names. */
public record Entry(
        String type,
        Optional<String> scope,
        String description,
        boolean breaking,
        List<String> breakingNotes,
        String hash,
        List<String> references) {

    public Entry {
        breakingNotes = List.copyOf(breakingNotes);
        references = List.copyOf(references);
    }

    public String shortHash() {
        return hash.substring(0, Math.min(7, hash.length()));
    }
}
