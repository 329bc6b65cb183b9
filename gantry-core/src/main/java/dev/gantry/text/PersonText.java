package dev.gantry.coordinate;

/**
 * What a person writes into the record (a reason, a comment, a note, a lesson): one line of at most
 * {@value #MAX} characters without control characters, so that nothing written there can drive a terminal, break a
 * document's lines or fill the store.
 */
public final class PersonText {

    public static final int MAX = 500;

    private PersonText() {}

    /**
     * Checks the text given with {@code option}.
     *
     * @param required whether an empty or missing text is refused; an optional one may be null
     */
    public static void check(String option, String text, boolean required) throws Refused {
        if (text == null || text.isBlank()) {
            if (required) throw new Refused(option + " cannot be empty");
            if (text == null) return;
        }
        if (text.length() > MAX) {
            throw new Refused(option + " takes at most " + MAX + " characters, got " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Control characters, and the marks that reorder or hide text on screen (U+200B to U+200F, U+202A to
            // U+202E, U+2066 to U+2069).
            if (Character.isISOControl(c)
                    || (c >= '\u200B' && c <= '\u200F')
                    || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                throw new Refused(option + " takes one line of text without control characters; found U+"
                        + String.format("%04X", (int) c) + " at character " + (i + 1));
            }
        }
    }
}
