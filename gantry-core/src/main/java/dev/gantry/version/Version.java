package dev.gantry.version;

import dev.gantry.binding.Doc;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Semantic Versioning 2.0.0 version; ordering is the spec's precedence (build metadata ignored). */
@Doc("A semantic version such as 1.4.0 or 2.0.0-rc.1")
public record Version(long major, long minor, long patch, List<String> preRelease, List<String> build)
        implements Comparable<Version> {

    // The regular expression published with the SemVer 2.0.0 spec.
    private static final Pattern SEMVER = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version part");
        }
        preRelease = List.copyOf(preRelease);
        build = List.copyOf(build);
    }

    public static Version of(long major, long minor, long patch) {
        return new Version(major, minor, patch, List.of(), List.of());
    }

    /** Parses a strict SemVer string (no leading "v"). */
    public static Version parse(String text) {
        Matcher m = text == null ? null : SEMVER.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "expected a semantic version like 1.4.0 or 2.0.0-rc.1, got \"" + text + "\"");
        }
        try {
            return new Version(
                    Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)),
                    m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.")),
                    m.group(5) == null ? List.of() : List.of(m.group(5).split("\\.")));
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("version part out of range in \"" + text + "\"");
        }
    }

    /** Like {@link #parse} but empty instead of an exception; for scanning tags. */
    public static Optional<Version> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** The same major.minor.patch with no pre-release and no build metadata. */
    public Version core() {
        return of(major, minor, patch);
    }

    public Version bump(Bump bump) {
        return switch (bump) {
            case MAJOR -> of(major + 1, 0, 0);
            case MINOR -> of(major, minor + 1, 0);
            case PATCH -> of(major, minor, patch + 1);
            case NONE -> this;
        };
    }

    public Version withPreRelease(List<String> identifiers) {
        return new Version(major, minor, patch, identifiers, List.of());
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compare(major, other.major);
        if (c == 0) c = Long.compare(minor, other.minor);
        if (c == 0) c = Long.compare(patch, other.patch);
        if (c != 0) return c;
        // A version without pre-release identifiers has higher precedence than one with them.
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            c = compareIdentifier(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean numericA = isNumeric(a);
        boolean numericB = isNumeric(b);
        if (numericA && numericB) {
            // Numeric identifiers have no leading zeros, so length orders them before digits do.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) return numericA ? -1 : 1;
        return a.compareTo(b);
    }

    private static boolean isNumeric(String identifier) {
        return identifier.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append(major)
                .append('.')
                .append(minor)
                .append('.')
                .append(patch);
        if (!preRelease.isEmpty()) s.append('-').append(String.join(".", preRelease));
        if (!build.isEmpty()) s.append('+').append(String.join(".", build));
        return s.toString();
    }
}
