package dev.gantry.binding;

import java.util.Locale;
import java.util.Optional;

/**
 * The characters a name may not hold: control characters (Unicode category Cc), format characters (Cf: the bidi
 * marks and overrides that reorder text on screen, the zero-width ones that hide in it) and the line and paragraph
 * separators. A name with one of them can show as another name, or as nothing.
 */
public final class NameCharacters {

    private NameCharacters() {}

    /**
     * Why {@code name} is refused, naming the first such character and its place (counted in characters from 1),
     * such as {@code found U+202E RIGHT-TO-LEFT OVERRIDE at character 6}; empty when it holds none.
     */
    public static Optional<String> refusal(String name) {
        if (name == null) return Optional.empty();
        int place = 0;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            place++;
            int type = Character.getType(c);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                String unicode = String.format(Locale.ROOT, "U+%04X", c);
                String label = Character.getName(c);
                return Optional.of("found " + unicode + (label == null ? "" : " " + label) + " at character " + place);
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /**
     * Checks {@code name}, the {@code what} of something, such as {@code "a policy's name"}.
     *
     * @throws IllegalArgumentException saying which character is refused and where
     */
    public static void check(String what, String name) {
        Optional<String> refusal = refusal(name);
        if (refusal.isPresent())
            throw new IllegalArgumentException(
                    what + " takes no control, bidi or invisible formatting characters; " + refusal.get());
    }
}
