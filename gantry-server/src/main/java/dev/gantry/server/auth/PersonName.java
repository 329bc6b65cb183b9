package dev.gantry.server.auth;

import dev.gantry.text.PersonText;

/** The name of a person a token or an account acts as: shown in lists, logs and approvals. */
public final class PersonName {

    /** The longest name kept, as the tables hold it. */
    public static final int MOST = 320;

    private PersonName() {}

    /**
     * The name stripped of surrounding blanks.
     *
     * @throws IllegalArgumentException when it is blank, longer than {@link #MOST}, or not one line of plain text
     */
    public static String checked(String person, String what) {
        if (person == null || person.isBlank()) throw new IllegalArgumentException(what + " needs a person");
        // A name with a bidi override or a zero-width mark shows as another name, in lists, logs and approvals.
        dev.gantry.binding.NameCharacters.check("a person's name", person);
        // One line of plain text, as every name people write.
        PersonText.refusal("person", person, true).ifPresent(refused -> {
            throw new IllegalArgumentException(refused);
        });
        if (person.length() > MOST)
            throw new IllegalArgumentException("a person's name is at most " + MOST + " characters");
        return person.strip();
    }

    /**
     * What two names that people would take for one another have in common: the name in Unicode compatibility form
     * (NFKC, so that a full-width or ligature letter is its plain letter) and in lower case. {@code "Priya Shah"},
     * {@code "priya shah"} and {@code "Ｐriya Shah"} have the same.
     */
    public static String lookAlike(String person) {
        String folded = java.text.Normalizer.normalize(person.strip(), java.text.Normalizer.Form.NFKC)
                .toLowerCase(java.util.Locale.ROOT)
                .toUpperCase(java.util.Locale.ROOT)
                .toLowerCase(java.util.Locale.ROOT);
        return java.text.Normalizer.normalize(folded, java.text.Normalizer.Form.NFKC);
    }
}
