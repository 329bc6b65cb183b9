package dev.gantry.commits;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** No input makes the parser throw, and every result holds at least one change. */
class CommitParserProperties {

    @Property(tries = 5000)
    void anyStringParses(@ForAll String message) {
        assertThat(CommitParser.parse(message).changes()).isNotEmpty();
    }

    @Property(tries = 5000)
    void messagesBuiltFromConventionalPiecesParse(@ForAll("pieces") String message) {
        ParsedMessage parsed = CommitParser.parse(message);
        assertThat(parsed.changes()).isNotEmpty();
        assertThat(parsed.header()).doesNotContain("\n");
    }

    @Provide
    Arbitrary<String> pieces() {
        Arbitrary<String> piece = Arbitraries.of(
                "feat",
                "fix",
                "(",
                ")",
                "!",
                ": ",
                ":",
                " #",
                "\n",
                "\n\n",
                "\r\n",
                "BREAKING CHANGE",
                "BREAKING-CHANGE",
                "Refs",
                "Release-As: ",
                "1.2.3",
                "Revert \"",
                "\"",
                "This reverts commit ",
                "abcdef1",
                "* ",
                "- ",
                "BEGIN_NESTED_COMMIT",
                "END_NESTED_COMMIT",
                "[skip release]",
                "scope",
                " ",
                "é",
                "\u0000",
                "x");
        return piece.list().ofMaxSize(40).map(list -> String.join("", list));
    }
}
