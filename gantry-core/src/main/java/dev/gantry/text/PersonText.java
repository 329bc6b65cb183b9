package dev.gantry.text;

import dev.gantry.binding.NameCharacters;
import java.util.Optional;

/**
 * What a person writes into the record (a reason, a comment, a note, a lesson): one line of at most {@value #MAX}
 * characters with something visible in it, without control, bidi or invisible formatting characters, so that
 * nothing written there can drive a terminal, forge a line of a history or a log, hide itself, or fill the store.
 * The command line, the server's API and its pages all check text with this one rule.
 */
public final class PersonText {

    public static final int MAX = 500;

    private PersonText() {}

    /**
     * Why the text given as {@code option} is refused, such as {@code reason takes at most 500 characters, got 1000};
     * empty when it is taken.
     *
     * @param required whether a missing or empty text is refused; an optional one may be null or empty
     */
    public static Optional<String> refusal(String option, String text, boolean required) {
        if (text == null || text.isEmpty()) {
            return required ? Optional.of(option + " cannot be empty") : Optional.empty();
        }
        // A text of spaces and zero-width marks reads as nothing at all.
        if (required && !visible(text)) return Optional.of(option + " cannot be empty");
        if (text.length() > MAX) {
            return Optional.of(option + " takes at most " + MAX + " characters, got " + text.length());
        }
        return NameCharacters.refusal(text)
                .map(found -> option
                        + " takes one line of text without control, bidi or invisible formatting characters; "
                        + found);
    }

    /** Whether {@code text} holds something besides Unicode white space and invisible format characters. */
    private static boolean visible(String text) {
        return text.codePoints()
                .anyMatch(c -> !Character.isWhitespace(c)
                        && !Character.isSpaceChar(c)
                        && Character.getType(c) != Character.FORMAT
                        && Character.getType(c) != Character.CONTROL);
    }
}
