package dev.gantry.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Conventional Commits 1.0.0 specification's cases, one test each, plus git's own message shapes. */
class CommitParserTest {

    private static Change first(String message) {
        return CommitParser.parse(message).changes().get(0);
    }

    @Test
    void typeScopeAndDescription() {
        Change c = first("feat(lang): add Polish language");
        assertThat(c.type()).contains("feat");
        assertThat(c.scope()).contains("lang");
        assertThat(c.description()).isEqualTo("add Polish language");
        assertThat(c.breaking()).isFalse();
    }

    @Test
    void bangAloneIsBreakingOnAnyType() {
        assertThat(first("feat!: send an email to the customer when a product is shipped")
                        .breaking())
                .isTrue();
        assertThat(first("chore!: drop support for Node 6").breaking()).isTrue();
        assertThat(first("feat(api)!: send an email").breaking()).isTrue();
        assertThat(first("docs(readme)!: x").breakingNotes()).containsExactly("x");
    }

    @Test
    void breakingChangeFooterWithSpaceOrHyphen() {
        assertThat(first("feat: allow config to extend\n\nBREAKING CHANGE: `extends` key now extends other files")
                        .breakingNotes())
                .containsExactly("`extends` key now extends other files");
        assertThat(first("fix: x\n\nBREAKING-CHANGE: gone").breaking()).isTrue();
    }

    @Test
    void breakingFooterTextSpansLinesAndParagraphsUntilTheNextToken() {
        String message = "feat: new config\n\nBody text.\n\nBREAKING CHANGE: the config moved.\n"
                + "Move it to gantry.yaml.\n\nThen run init again.\nRefs: #42";
        ParsedMessage parsed = CommitParser.parse(message);
        assertThat(parsed.changes().get(0).breakingNotes())
                .containsExactly("the config moved.\nMove it to gantry.yaml.\n\nThen run init again.");
        assertThat(parsed.footers()).extracting(Footer::token).containsExactly("BREAKING CHANGE", "Refs");
        assertThat(parsed.references()).containsExactly("#42");
    }

    @Test
    void bangAndFooterTogether() {
        Change c = first("chore!: drop support for Node 6\n\nBREAKING CHANGE: use JavaScript features not in Node 6.");
        assertThat(c.breaking()).isTrue();
        assertThat(c.breakingNotes()).containsExactly("use JavaScript features not in Node 6.");
    }

    @Test
    void noBodyNoScope() {
        Change c = first("docs: correct spelling of CHANGELOG");
        assertThat(c.type()).contains("docs");
        assertThat(c.scope()).isEmpty();
    }

    @Test
    void multiParagraphBodyAndMultipleFooters() {
        ParsedMessage parsed = CommitParser.parse("fix: prevent racing of requests\n\n"
                + "Introduce a request id and a reference to latest request. Dismiss\n"
                + "incoming responses other than from latest request.\n\n"
                + "Remove timeouts which were used to mitigate the racing issue but are\nobsolete now.\n\n"
                + "Reviewed-by: Z\nRefs: #123");
        assertThat(parsed.footers())
                .containsExactly(new Footer("Reviewed-by", ": ", "Z"), new Footer("Refs", ": ", "#123"));
        assertThat(parsed.changes().get(0).breaking()).isFalse();
    }

    @Test
    void hashSeparatorFooter() {
        ParsedMessage parsed = CommitParser.parse("fix: crash on start\n\nCloses #12\nFixes: BUG-7");
        assertThat(parsed.footers()).extracting(Footer::text).containsExactly("#12", "BUG-7");
        assertThat(parsed.references()).containsExactly("#12", "BUG-7");
    }

    @Test
    void multiLineFooterValue() {
        ParsedMessage parsed = CommitParser.parse("fix: x\n\nNote: first line\n  second line\nRefs: #1");
        assertThat(parsed.footers().get(0).value()).isEqualTo("first line\n  second line");
    }

    @Test
    void typesAreCaseInsensitive() {
        assertThat(first("FEAT: shout").type()).contains("feat");
        assertThat(first("Fix(Api): mixed").type()).contains("fix");
    }

    @Test
    void anyCharactersInTheScope() {
        assertThat(first("feat(a b/c.d-e@1): x").scope()).contains("a b/c.d-e@1");
        assertThat(first("feat(a(b)): x").scope()).contains("a(b)");
        assertThat(first("feat(api): add (beta): z").scope()).contains("api");
        assertThat(first("feat(api): add (beta): z").description()).isEqualTo("add (beta): z");
    }

    @Test
    void messagesThatDoNotParseAreOther() {
        for (String message : new String[] {
            "Update README", "feat:no space", "feat(): ", "(scope): x", "feat : x", "Merge branch 'x'", "", "   "
        }) {
            Change c = first(message);
            assertThat(c.isConventional()).as(message).isFalse();
            assertThat(c.breaking()).isFalse();
        }
    }

    @Test
    void gitRevertMessage() {
        ParsedMessage parsed = CommitParser.parse(
                "Revert \"feat: add search\"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.");
        assertThat(parsed.changes().get(0).type()).contains("revert");
        assertThat(parsed.isRevert()).isTrue();
        assertThat(parsed.reverted())
                .containsExactly(new Reverted(
                        Optional.of("0123456789abcdef0123456789abcdef01234567"), Optional.of("feat: add search")));
    }

    @Test
    void gitRevertMessageSquashedWithAPullRequestNumber() {
        ParsedMessage parsed =
                CommitParser.parse("Revert \"fix(deps): update yargs\" (#2534)\n\nThis reverts commit abcdef1.");
        assertThat(parsed.changes().get(0).type()).contains("revert");
        assertThat(parsed.reverted())
                .containsExactly(new Reverted(Optional.of("abcdef1"), Optional.of("fix(deps): update yargs")));
    }

    @Test
    void conventionalRevertMessage() {
        ParsedMessage parsed =
                CommitParser.parse("revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868");
        assertThat(parsed.changes().get(0).type()).contains("revert");
        assertThat(parsed.reverted()).extracting(r -> r.hash().orElseThrow()).containsExactly("676104e", "a215868");
        assertThat(CommitParser.parse("revert: feat: search\n\nRefs: #12").reverted())
                .containsExactly(new Reverted(Optional.empty(), Optional.of("feat: search")));
    }

    @Test
    void aRevertTitleRevertsEveryCommitItsBodyNames() {
        ParsedMessage parsed = CommitParser.parse(
                "Revert \"two changes\"\n\nThis reverts commit aaaaaaa.\nThis reverts commit bbbbbbb.");
        assertThat(parsed.reverted()).extracting(r -> r.hash().orElseThrow()).containsExactly("aaaaaaa", "bbbbbbb");
    }

    @Test
    void aRevertLineInTheBodyOfAnotherTitleRevertsNothing() {
        ParsedMessage parsed = CommitParser.parse("fix: retry on 503 (#40)\n\n* Revert \"feat: search\"\n\n"
                + "This reverts commit aaaaaaa.\n\n* fix: retry on 503");
        assertThat(parsed.isRevert()).isFalse();
        assertThat(parsed.reverted()).isEmpty();
        assertThat(parsed.reading(true).isRevert()).isFalse();
        assertThat(parsed.reading(true).reverted())
                .containsExactly(new Reverted(Optional.of("aaaaaaa"), Optional.of("feat: search")));
    }

    @Test
    void squashMergeBodyCarriesSeveralChanges() {
        ParsedMessage parsed = CommitParser.parse(
                        "feat: search (#12)\n\n* feat: search\n\n* fix(ui): crash on empty query\n\n"
                                + "* docs: explain search\n\n* some free text")
                .reading(true);
        assertThat(parsed.changes())
                .extracting(c -> c.type().orElse("other") + ":" + c.description())
                .containsExactly("feat:search (#12)", "fix:crash on empty query", "docs:explain search");
    }

    @Test
    void aSquashBodyIsTextUnlessItsBulletsAreAskedFor() {
        ParsedMessage parsed = CommitParser.parse(
                "fix: retry on 503 (#40)\n\n* feat: wip retry api\n\n* feat!: drop old retry\n\n* fix: retry on 503");
        assertThat(parsed.changes())
                .extracting(c -> c.type().orElse("other") + (c.breaking() ? "!" : ""))
                .containsExactly("fix");
        assertThat(parsed.reading(true).changes())
                .extracting(c -> c.type().orElse("other") + (c.breaking() ? "!" : ""))
                .containsExactly("fix", "feat", "feat!");
    }

    @Test
    void aBreakingFooterInASquashBodyBreaksTheTitle() {
        ParsedMessage parsed = CommitParser.parse(
                "feat: add x (#12)\n\n* feat!: drop api\n\nBREAKING CHANGE: the api is gone\n\n* fix: other");
        assertThat(parsed.changes()).hasSize(1);
        assertThat(parsed.changes().get(0).breaking()).isTrue();
        assertThat(parsed.changes().get(0).breakingNotes()).containsExactly("the api is gone");
    }

    @Test
    void aMessageWithoutSquashBulletsReadsTheSameEitherWay() {
        ParsedMessage parsed = CommitParser.parse("fix: a (#3)\n\nplain body");
        assertThat(parsed.reading(true)).isSameAs(parsed);
    }

    @Test
    void bulletsInAnOrdinaryBodyAreText() {
        ParsedMessage parsed = CommitParser.parse("docs: update readme\n\n- feat: nothing new\n* fix: not a fix");
        assertThat(parsed.changes()).hasSize(1);
    }

    @Test
    void aTrailerInTheMiddleOfASquashBodyBelongsToItsSquashedCommit() {
        ParsedMessage parsed = CommitParser.parse("fix: a (#3)\n\n* fix: b\n\nSigned-off-by: A\n\n* feat: c")
                .reading(true);
        assertThat(parsed.changes()).extracting(c -> c.type().orElse("other")).containsExactly("fix", "fix", "feat");
        assertThat(parsed.footers()).extracting(Footer::token).containsExactly("Signed-off-by");
    }

    @Test
    void nestedCommitBlocks() {
        ParsedMessage parsed = CommitParser.parse(
                "chore: release batch\n\nBEGIN_NESTED_COMMIT\nfeat(api)!: new auth\n\n"
                        + "BREAKING CHANGE: tokens changed\nEND_NESTED_COMMIT\nBEGIN_NESTED_COMMIT\nfix: typo\nEND_NESTED_COMMIT");
        assertThat(parsed.changes()).hasSize(3);
        assertThat(parsed.changes().get(1).breakingNotes()).containsExactly("tokens changed");
        assertThat(parsed.changes().get(2).type()).contains("fix");
    }

    @Test
    void skipReleaseMarker() {
        assertThat(CommitParser.parse("fix: x [skip release]").skipRelease()).isTrue();
        assertThat(CommitParser.parse("fix: x\n\n[release skip]").skipRelease()).isTrue();
        assertThat(CommitParser.parse("fix: x").skipRelease()).isFalse();
    }

    @Test
    void breakingFooterUnderAFreeFormHeaderStillBreaks() {
        assertThat(first("Rework everything\n\nBREAKING CHANGE: all of it").breaking())
                .isTrue();
    }

    @Test
    void windowsLineEndings() {
        Change c = first("feat: x\r\n\r\nBREAKING CHANGE: y\r\n");
        assertThat(c.breakingNotes()).containsExactly("y");
    }

    @Test
    void eachSquashedCommitKeepsItsOwnFootersAndBreakingNotes() {
        ParsedMessage parsed = CommitParser.parse(
                        "feat: add x (#12)\n\n* feat!: drop api\n\nBREAKING CHANGE: the api is gone\n\n"
                                + "* fix: other\n\n* chore: prepare\n\nRelease-As: 3.0.0\n\n* perf: faster")
                .reading(true);
        assertThat(parsed.changes())
                .extracting(c -> c.type().orElse("other") + (c.breaking() ? "!" : ""))
                .containsExactly("feat", "feat!", "fix", "chore", "perf");
        assertThat(parsed.changes().get(1).breakingNotes()).containsExactly("the api is gone");
        assertThat(parsed.footers()).extracting(Footer::text).contains("3.0.0");
    }
}
