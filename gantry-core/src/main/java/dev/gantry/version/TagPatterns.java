package dev.gantry.version;

import dev.gantry.binding.InvalidValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tag patterns of one line of releases, such as a component whose tag format changed: new tags take the first
 * pattern, and a tag of any of them names a past release.
 */
public record TagPatterns(List<TagPattern> all) {

    public TagPatterns {
        all = List.copyOf(all);
        if (all.isEmpty()) throw new IllegalArgumentException("at least one tag pattern is needed");
        requireDistinct(all);
    }

    /** Refuses a list that names one pattern twice, with the key {@code tagPattern} of the plan. */
    public static void requireDistinct(List<TagPattern> patterns) {
        Set<TagPattern> seen = new HashSet<>();
        for (TagPattern pattern : patterns) {
            if (!seen.add(pattern)) {
                throw new InvalidValue("tagPattern", "tag pattern \"" + pattern + "\" is listed twice");
            }
        }
    }

    public static TagPatterns of(TagPattern first, TagPattern... more) {
        List<TagPattern> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return new TagPatterns(all);
    }

    /** The pattern new tags are written with. */
    public TagPattern first() {
        return all.get(0);
    }

    /** The tag a new release gets. */
    public String format(Version version) {
        return first().format(version);
    }

    /** The version a tag names under the first pattern it follows; empty when it follows none. */
    public Optional<Version> versionOf(String tag) {
        for (TagPattern pattern : all) {
            Optional<Version> version = pattern.versionOf(tag);
            if (version.isPresent()) return version;
        }
        return Optional.empty();
    }

    /** Git ref globs that select candidate tags; {@link #versionOf} still decides. */
    public List<String> refGlobs() {
        return all.stream().map(TagPattern::refGlob).distinct().toList();
    }

    /** The patterns quoted, as messages name them: {@code "api-v{version}" or "api@{version}"}. */
    @Override
    public String toString() {
        return all.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(" or "));
    }
}
