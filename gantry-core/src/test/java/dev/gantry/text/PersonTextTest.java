package dev.gantry.coordinate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u001b[2Jb", "a\rb", "a\nb", "a\u0007", "right\u202Eleft", "zero\u200Bwidth", "x\u2066y"})
    void textThatDrivesATerminalOrHidesItselfIsRefusedWithItsPlace(String text) {
        assertThatThrownBy(() -> PersonText.check("--note", text, false))
                .isInstanceOf(Refused.class)
                .hasMessageStartingWith("--note takes one line of text without control characters; found U+")
                .hasMessageContaining(" at character ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapshot db-2026-03-19", "Prüfung bestanden ✓", "<b>kept as text</b>"})
    void aLineOfTextIsTaken(String text) {
        assertThatCode(() -> PersonText.check("--note", text, true)).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void tooLongEmptyAndMissingTextAreRefusedWhereTheyMustBeGiven() throws Refused {
        assertThatThrownBy(() -> PersonText.check("--reason", "x".repeat(10_240), false))
                .hasMessage("--reason takes at most 500 characters, got 10240");
        assertThatThrownBy(() -> PersonText.check("--reason", " ", true)).hasMessage("--reason cannot be empty");
        assertThatThrownBy(() -> PersonText.check("--reason", null, true)).hasMessage("--reason cannot be empty");
        PersonText.check("--comment", null, false);
    }
}
