package dev.gantry.changelog;

import dev.gantry.commits.References;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The tickets the change names: those in its description, such as a subject's {@code (#20)}, then those of its
     * footers, each once.
     */
    public List<String> tickets() {
        Set<String> tickets = new LinkedHashSet<>(References.inText(description));
        tickets.addAll(references);
        return List.copyOf(tickets);
    }

    public String shortHash() {
        return hash.substring(0, Math.min(7, hash.length()));
    }
}
