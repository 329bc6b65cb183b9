package dev.gantry.version;

import dev.gantry.binding.Doc;
import java.util.Optional;
import java.util.regex.Pattern;

/** How release tags are named, e.g. {@code v{version}} or {@code api-v{version}}. */
@Doc("A tag name with exactly one {version}, such as v{version}, {version} or api-v{version}")
public record TagPattern(String prefix, String suffix) {

    private static final String PLACEHOLDER = "{version}";

    public static final TagPattern DEFAULT = parse("v{version}");

    public TagPattern {
        if (prefix.contains("*") || suffix.contains("*") || prefix.contains("?") || suffix.contains("?")) {
            throw new IllegalArgumentException("a tag pattern may not contain glob characters");
        }
    }

    public static TagPattern parse(String pattern) {
        int at = pattern == null ? -1 : pattern.indexOf(PLACEHOLDER);
        if (at < 0 || pattern.indexOf(PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalArgumentException(
                    "expected a tag pattern with exactly one \"{version}\", like \"v{version}\", got \"" + pattern
                            + "\"");
        }
        String prefix = pattern.substring(0, at);
        String suffix = pattern.substring(at + PLACEHOLDER.length());
        // Tags name folders of release documents too, so they must stay inside them.
        if (!Pattern.matches("[A-Za-z0-9._/@+-]*", prefix + suffix)
                || pattern.contains("..")
                || pattern.startsWith("/")) {
            throw new IllegalArgumentException(
                    "tag pattern \"" + pattern + "\" has characters git does not allow in tags");
        }
        return new TagPattern(prefix, suffix);
    }

    public String format(Version version) {
        return prefix + version + suffix;
    }

    /** The version a tag names, or empty when the tag does not follow this pattern. */
    public Optional<Version> versionOf(String tag) {
        if (tag.length() <= prefix.length() + suffix.length() || !tag.startsWith(prefix) || !tag.endsWith(suffix)) {
            return Optional.empty();
        }
        return Version.tryParse(tag.substring(prefix.length(), tag.length() - suffix.length()));
    }

    /** A git ref glob that selects candidate tags; {@link #versionOf} still decides. */
    public String refGlob() {
        return "refs/tags/" + prefix + "*" + suffix;
    }

    @Override
    public String toString() {
        return prefix + PLACEHOLDER + suffix;
    }
}
