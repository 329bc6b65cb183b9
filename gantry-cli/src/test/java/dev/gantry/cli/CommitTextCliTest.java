package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whoever writes a commit message writes into the notes, the changelog and the terminal: only as text. */
class CommitTextCliTest {

    private static final String SET_TITLE = "\u001b]0;pwned\u0007";

    @TempDir
    Path dir;

    private GitFixture hostileHistory() {
        GitFixture repo = GitFixture.init(dir)
                .commit("feat: first")
                .tag("v1.0.0")
                .commit("feat: <script>alert(1)</script>")
                .commit("fix: <img src=x onerror=alert(1)> (#20)")
                .commit("feat(ui): [click](javascript:alert(1))")
                .commit("feat!: new query API\n\nBREAKING CHANGE: # Heading\n| a | b |\n|---|---|")
                .commit("fix: title " + SET_TITLE + "set");
        repo.git("remote", "add", "origin", "git@github.com:acme/shop.git");
        return repo;
    }

    @Test
    void notesShowCommitTextAsTextOnly() {
        hostileHistory();
        GantryProcess.Result result = GantryProcess.run(dir, "notes", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("- &lt;script>alert(1)&lt;/script>\n")
                .contains("- &lt;img src=x onerror=alert(1)> (#20)\n")
                .contains("- **ui:** \\[click\\](javascript:alert(1))\n")
                .contains("### new query API\n\n\\# Heading\n\\| a \\| b \\|\n\\|---\\|---\\|\n")
                .contains("- title \\]0;pwnedset\n")
                .doesNotContain("<script", "<img", "[click]", "\n# Heading", "\n| a", "\u001b", "\u0007");
    }

    @Test
    void changelogShowsCommitTextAsTextAndKeepsItsOwnLinks() {
        hostileHistory();
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("- &lt;script>alert(1)&lt;/script> ([")
                .contains("- **ui:** \\[click\\](javascript:alert(1)) ([")
                .contains("- &lt;img src=x onerror=alert(1)> ([#20](https://github.com/acme/shop/issues/20)) ([")
                .contains("- title \\]0;pwnedset ([")
                .containsPattern("\\(\\[[0-9a-f]{7}]\\(https://github\\.com/acme/shop/commit/[0-9a-f]{40}\\)\\)")
                .contains("[2.0.0]: https://github.com/acme/shop/compare/v1.0.0...v2.0.0")
                .doesNotContain("<script", "<img", "[click]", "\u001b", "\u0007");
    }

    @Test
    void explainSendsNoEscapeSequenceToTheTerminal() {
        hostileHistory();
        GantryProcess.Result result = GantryProcess.run(dir, "version", "--explain");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("fix: title ]0;pwnedset\n")
                .contains("feat: <script>alert(1)</script>\n")
                .doesNotContain("\u001b", "\u0007");
    }
}
