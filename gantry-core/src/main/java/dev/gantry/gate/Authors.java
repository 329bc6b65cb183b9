package dev.gantry.gate;

import dev.gantry.plan.Person;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who made a release: the author of every commit in it (not only the last) and everyone who planned it. A person
 * of the plan is one of them when their name matches an author's name, or their contact an author's e-mail, in
 * any letter case: "priya shah" wrote what "Priya Shah" would approve.
 */
public record Authors(Set<String> names, Set<String> emails) {

    public Authors {
        names = lower(names);
        emails = lower(emails);
    }

    /** From git's name and e-mail pairs and the names of the planners. */
    public static Authors of(List<List<String>> commitAuthors, Collection<String> planners) {
        Set<String> names = new LinkedHashSet<>(planners);
        Set<String> emails = new LinkedHashSet<>();
        for (List<String> author : commitAuthors) {
            names.add(author.get(0));
            if (author.size() > 1 && !author.get(1).isBlank()) emails.add(author.get(1));
        }
        return new Authors(names, emails);
    }

    public boolean includes(Person person) {
        if (names.contains(person.name().toLowerCase(Locale.ROOT))) return true;
        String contact = person.contact() == null ? "" : person.contact().toLowerCase(Locale.ROOT);
        // Any address in the contact counts: "Alice <alice@example.com>", "alice@example.com, +49 ...", mailto:.
        java.util.regex.Matcher address = EMAIL.matcher(contact);
        while (address.find()) {
            if (emails.contains(address.group())) return true;
        }
        return false;
    }

    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^\\s<>,;:()\"']+@[^\\s<>,;()\"']+");

    /** Whether the name, as given with --as, is that of an author (or of a person of the plan who is one). */
    public boolean includes(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> lower(Collection<String> values) {
        Set<String> lowered = new LinkedHashSet<>();
        for (String v : values) lowered.add(v.strip().toLowerCase(Locale.ROOT));
        return Set.copyOf(lowered);
    }
}
