package dev.gantry.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u001b[2Jb",
                "a\rb",
                "a\nb",
                "a\tb",
                "a\u0007",
                "right\u202Eleft",
                "zero\u200Bwidth",
                "x\u2066y",
                "word\u2060joiner",
                "soft\u00ADhyphen",
                "line\u2028separator",
                "ok\u0085next"
            })
    void textThatDrivesATerminalOrHidesItselfIsRefusedWithItsCharacterAndPlace(String text) {
        assertThat(PersonText.refusal("--note", text, false)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("--note takes one line of text without control, bidi or invisible formatting"
                        + " characters; found U+")
                .contains(" at character "));
    }

    @Test
    void theRefusalNamesTheCharacterAndWhereItIs() {
        assertThat(PersonText.refusal("reason", "ok\nforged line", true))
                .hasValue("reason takes one line of text without control, bidi or invisible formatting characters;"
                        + " found U+000A LINE FEED (LF) at character 3");
        assertThat(PersonText.refusal("reason", "approved \u202Elive", true))
                .hasValue("reason takes one line of text without control, bidi or invisible formatting characters;"
                        + " found U+202E RIGHT-TO-LEFT OVERRIDE at character 10");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"snapshot db-2026-03-19", "Prüfung bestanden ✓", "<b>kept as text</b>", "10\u00A0000 users"})
    void aLineOfTextIsTaken(String text) {
        assertThat(PersonText.refusal("--note", text, true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u00A0", "\u3000", "\u200B", " \u200B\u00A0\u3000 ", "\u2007\u202F"})
    void aRequiredTextOfNothingVisibleIsEmpty(String text) {
        assertThat(PersonText.refusal("reason", text, true)).hasValue("reason cannot be empty");
    }

    @Test
    void tooLongEmptyAndMissingTextAreRefusedWhereTheyMustBeGiven() {
        assertThat(PersonText.refusal("--reason", "x".repeat(10_240), false))
                .hasValue("--reason takes at most 500 characters, got 10240");
        assertThat(PersonText.refusal("--reason", "x".repeat(PersonText.MAX), true))
                .isEmpty();
        assertThat(PersonText.refusal("--reason", null, true)).hasValue("--reason cannot be empty");
        assertThat(PersonText.refusal("--comment", null, false)).isEmpty();
        assertThat(PersonText.refusal("--comment", "", false)).isEmpty();
    }
}
