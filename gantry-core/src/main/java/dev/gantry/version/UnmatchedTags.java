package dev.gantry.version;

import java.util.List;
import java.util.Optional;

/**
 * No tag of the repository follows any of a line's tag patterns, while other tags exist: most often the tag format
 * changed, and without the old pattern the version starts again from the initial version.
 *
 * @param tried the patterns no tag follows
 * @param example a tag that exists, the one whose name starts most like the first pattern
 */
public record UnmatchedTags(TagPatterns tried, String example) {

    /** The warning for {@code tried} given every tag of the repository; empty when a tag matches or there is none. */
    public static Optional<UnmatchedTags> of(TagPatterns tried, List<String> allTags) {
        if (allTags.isEmpty()
                || allTags.stream().anyMatch(t -> tried.versionOf(t).isPresent())) {
            return Optional.empty();
        }
        String prefix = tried.first().prefix();
        String example = allTags.get(allTags.size() - 1);
        int longest = -1;
        for (String tag : allTags) {
            int n = 0;
            while (n < Math.min(tag.length(), prefix.length()) && tag.charAt(n) == prefix.charAt(n)) n++;
            if (n >= longest) {
                example = tag;
                longest = n;
            }
        }
        return Optional.of(new UnmatchedTags(tried, example));
    }

    /** The warning in words; {@code component} is empty for the repository as a whole. */
    public String describe(String component) {
        String who = component.isEmpty() ? "" : "component " + component + ": ";
        return who + "no tag matches " + tried + ", though the repository has other tags, such as \"" + example
                + "\"; if its releases were tagged another way, add that pattern to tagPattern";
    }
}
