package dev.gantry.changelog;

import dev.gantry.binding.Doc;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code changelog:} part of the plan file. */
@Doc("How the Keep a Changelog file is written")
public record ChangelogSettings(
        @Doc("The changelog file, relative to the repository root (or to a component's path); CHANGELOG.md by default")
                String file,
        @Doc("Commit type to heading (Added, Changed, Deprecated, Removed, Fixed, Security or your own);"
                        + " types not listed stay out unless breaking")
                Map<String, String> sections,
        @Doc("Link of a commit with {hash}; derived from the origin remote when absent, \"none\" for no link")
                String commitUrl,
        @Doc("Link comparing two tags, with {previous} and {current}; \"none\" for no link") String compareUrl,
        @Doc("Link of an issue number, with {id}; \"none\" to keep #12 as plain text") String issueUrl) {

    public static final Map<String, String> DEFAULT_SECTIONS = defaultSections();

    public static final ChangelogSettings DEFAULTS = new ChangelogSettings(null, null, null, null, null);

    public ChangelogSettings {
        file = file == null ? "CHANGELOG.md" : file;
        if (file.isBlank() || file.startsWith("/") || file.contains("..")) {
            throw new IllegalArgumentException(
                    "changelog file must be a path inside the repository like CHANGELOG.md, got \"" + file + "\"");
        }
        sections = sections == null || sections.isEmpty() ? DEFAULT_SECTIONS : lowerCaseKeys(sections);
    }

    private static Map<String, String> defaultSections() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("feat", "Added");
        m.put("perf", "Changed");
        m.put("revert", "Changed");
        m.put("deprecate", "Deprecated");
        m.put("remove", "Removed");
        m.put("fix", "Fixed");
        m.put("security", "Security");
        return Map.copyOf(m);
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> sections) {
        Map<String, String> m = new LinkedHashMap<>();
        sections.forEach((type, heading) -> m.put(type.toLowerCase(java.util.Locale.ROOT), heading));
        return m;
    }
}
