package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("tagPattern", "releaseRules", "channel", "id", "to");

    @Test
    void suggestsWithinTwoEditsOrAPrefixIgnoringCase() {
        assertThat(Suggestions.closest("tagPatern", KEYS)).contains("tagPattern");
        assertThat(Suggestions.closest("tagpattern", KEYS)).contains("tagPattern");
        assertThat(Suggestions.closest("chanel", KEYS)).contains("channel");
        assertThat(Suggestions.closest("chnnael", KEYS)).contains("channel");
        assertThat(Suggestions.closest("release", KEYS)).contains("releaseRules");
        assertThat(Suggestions.closest("releaseRulesList", KEYS)).contains("releaseRules");
        assertThat(Suggestions.closest("ids", KEYS)).contains("id");
    }

    @Test
    void shortWordsThatShareNothingAreNotSuggested() {
        assertThat(Suggestions.closest("x", List.of("a", "b", "c"))).isEmpty();
        assertThat(Suggestions.closest("ab", List.of("id", "to"))).isEmpty();
        assertThat(Suggestions.closest("versions", KEYS)).isEmpty();
        assertThat(Suggestions.closest("", KEYS)).isEmpty();
    }

    @Test
    void messages() {
        assertThat(Suggestions.unknownKey("tagPatern", KEYS))
                .isEqualTo("unknown key \"tagPatern\"; did you mean \"tagPattern\"?");
        assertThat(Suggestions.unknownKey("x", List.of("a", "b", "c")))
                .isEqualTo("unknown key \"x\"; expected one of: a, b, c");
        assertThat(Suggestions.unknownKey("x", List.of())).isEqualTo("unknown key \"x\"; this mapping takes no keys");
    }

    @Test
    void levenshteinDistance() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
