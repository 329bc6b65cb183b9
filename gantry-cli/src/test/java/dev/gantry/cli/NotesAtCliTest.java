package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notes of a release made before, written again from its tag. */
class NotesAtCliTest {

    @TempDir
    Path dir;

    private void severalReleases() {
        GitFixture.init(dir)
                .commit("feat: first")
                .tag("v1.0.0")
                .commit("fix: crash on start")
                .tag("v1.0.1")
                .commit("feat(api): search by tag (#12)")
                .commit("fix: empty query")
                .tag("v1.1.0")
                .commit("feat!: drop v1\n\nBREAKING CHANGE: use /v2.")
                .tag("v2.0.0")
                .commit("fix: not released yet");
    }

    @Test
    void notesOfAPastReleaseHoldItsCommitsAndNoOthers() {
        severalReleases();
        GantryProcess.Result result = GantryProcess.run(dir, "notes", "--at", "v1.1.0");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("# Release Notes: v1.1.0\n\n**Release Date:** March 1, 2025 · **Release Type:** Minor"
                        + " Release\n\n")
                .contains("## 🎉 What's New\n\n- **api:** search by tag (#12)\n")
                .contains("## 🐛 Bug Fixes\n\n- empty query\n")
                .contains("## ⚠️ Breaking Changes\n\nNone.")
                .doesNotContain("first", "crash on start", "drop v1", "not released yet");
    }

    @Test
    void notesOfAPastReleaseAreWrittenUnderItsTag() throws Exception {
        severalReleases();
        GantryProcess.Result result =
                GantryProcess.run(dir, "notes", "--at", "v2.0.0", "--write", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve(".gantry/releases/v2.0.0/notes.md"), StandardCharsets.UTF_8))
                .startsWith("# Release Notes: v2.0.0\n\n**Release Date:** November 23, 2026 · **Release Type:** Major")
                .contains("### drop v1\n\nuse /v2.\n")
                .doesNotContain("search by tag", "not released yet");
    }

    @Test
    void atTakesAReleaseTag() {
        severalReleases();
        GantryProcess.Result branch = GantryProcess.run(dir, "notes", "--at", "main");
        assertThat(branch.exitCode()).isEqualTo(2);
        assertThat(branch.err()).contains("\"main\" is not a release tag; expected one like v1.4.0");
        GantryProcess.Result missing = GantryProcess.run(dir, "notes", "--at", "v3.0.0");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("there is no tag \"v3.0.0\"");
    }
}
