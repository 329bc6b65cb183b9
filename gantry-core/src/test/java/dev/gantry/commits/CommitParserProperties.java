package dev.gantry.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * No input makes the parser throw, and every result holds at least one change: any string, messages built from
 * the pieces of conventional ones, nesting thousands deep and numbers past any range. Tries are bounded, so a
 * parser that loops shows as a run that does not end.
 */
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

    @Property(tries = 30)
    void deepNestingAndLongMessagesParse(
            @ForAll @IntRange(min = 0, max = 3000) int depth, @ForAll("pieces") String inside) {
        String nestedBlocks = ("BEGIN_NESTED_COMMIT\n").repeat(depth) + inside + "\nEND_NESTED_COMMIT".repeat(depth);
        String squashes = "feat: a (#1)\n\n" + "* fix: b (#2)\n\n".repeat(depth) + inside;
        String indented = "fix: c\n\n" + "  ".repeat(depth) + "BREAKING CHANGE: " + inside;
        String oneLine = "feat" + "(".repeat(depth) + "x" + ")".repeat(depth) + ": " + inside;
        for (String message : List.of(nestedBlocks, squashes, indented, oneLine)) {
            assertThat(CommitParser.parse(message).changes()).isNotEmpty();
        }
    }

    @Property(tries = 200)
    void numbersPastAnyRangeParse(@ForAll("hugeNumbers") String number, @ForAll("pieces") String rest) {
        for (String message : List.of(
                "feat: a (#" + number + ")\n\n* fix: b (#" + number + ")",
                "fix: a\n\nRelease-As: " + number + "." + number + "." + number,
                "fix: a\n\nRefs: #" + number + ", " + rest,
                "fix(" + number + ")!: a\n\nFixes #" + number,
                "Revert \"fix: a\"\n\nThis reverts commit " + number + ".")) {
            assertThat(CommitParser.parse(message).changes()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> hugeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "2147483648", "9223372036854775807", "9223372036854775808", "1e400"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400));
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
