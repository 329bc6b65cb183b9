package dev.gantry.changelog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code changelog:} part of the plan file.
 *
 * @param file the changelog file, relative to the repository root
 * @param sections commit type to Keep a Changelog heading; types not listed stay out unless breaking
 * @param commitUrl link for a commit, with {@code {hash}}; derived from the origin remote when absent,
 *     {@code none} for no links
 * @param compareUrl link comparing two tags, with {@code {previous}} and {@code {current}}
 * @param issueUrl link for an issue number, with {@code {id}}; {@code #12} stays plain text when absent
 */
public record ChangelogSettings(
        String file, Map<String, String> sections, String commitUrl, String compareUrl, String issueUrl) {

    public static final Map<String, String> DEFAULT_SECTIONS = defaultSections();

    public static final ChangelogSettings DEFAULTS = new ChangelogSettings(null, null, null, null, null);

    public ChangelogSettings {
        file = file == null ? "CHANGELOG.md" : file;
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
