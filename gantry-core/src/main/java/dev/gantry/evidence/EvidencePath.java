package dev.gantry.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an uploaded file lies in the repository, as the plan's criteria name it, such as {@code
 * build/test-results/TEST-shop.xml}: relative to the repository's top folder, with forward slashes, without {@code .}
 * or empty segments. It can never lead out of the folder it is laid into: no {@code ..}, nothing absolute, nothing in
 * {@code .git}.
 */
public record EvidencePath(String value) {

    /** Longer paths are not report files but attempts; the column holds this many characters. */
    public static final int MAX_LENGTH = 500;

    public EvidencePath {
        if (!value.equals(normal(value))) throw new IllegalArgumentException("not a normal path: " + value);
    }

    /**
     * The path as given, {@code ./} and doubled slashes taken out.
     *
     * @throws IllegalArgumentException saying what is wrong with it, quoting it
     */
    public static EvidencePath parse(String text) {
        return new EvidencePath(normal(text));
    }

    private static String normal(String text) {
        String quoted = "\"" + text.replaceAll("\\p{Cntrl}", "?") + "\"";
        if (text.isBlank()) throw new IllegalArgumentException("an evidence file needs its path in the repository");
        if (text.length() > MAX_LENGTH)
            throw new IllegalArgumentException(
                    "the path " + quoted.substring(0, 60) + "...\" is longer than " + MAX_LENGTH + " characters");
        if (text.chars().anyMatch(Character::isISOControl))
            throw new IllegalArgumentException("the path " + quoted + " holds control characters");
        if (text.indexOf('\\') >= 0)
            throw new IllegalArgumentException(
                    "the path " + quoted + " has a backslash: write it with forward slashes");
        if (text.startsWith("/") || text.matches("[A-Za-z]:.*"))
            throw new IllegalArgumentException(
                    "the path " + quoted + " is absolute: give it relative to the repository's top folder");
        if (text.endsWith("/"))
            throw new IllegalArgumentException("the path " + quoted + " names a folder: upload the files in it");
        List<String> kept = new ArrayList<>();
        for (String segment : text.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals(".."))
                throw new IllegalArgumentException(
                        "the path " + quoted + " has a \"..\" segment: evidence stays inside the repository");
            kept.add(segment);
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("the path " + quoted + " names no file");
        if (kept.get(0).equalsIgnoreCase(".git"))
            throw new IllegalArgumentException("the path " + quoted + " lies in .git, which is git's, not evidence");
        return String.join("/", kept);
    }

    @Override
    public String toString() {
        return value;
    }
}
