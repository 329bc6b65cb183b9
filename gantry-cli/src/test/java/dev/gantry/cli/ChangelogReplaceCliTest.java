package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version rolled back before it was tagged gets its changelog section written again, and nothing else. */
class ChangelogReplaceCliTest {

    private static final String INTRO =
            "# Changelog\n\nHand-written intro, keep me.\n\n## [Unreleased]\n\n- planned\n\n";
    private static final String OLDER = "## [1.3.0] - 2025-01-01\n\n### Added\n\n- first (edited by hand)\n\n";
    private static final String LINKS = "[1.3.0]: https://example.com/hand/1.3.0\n";

    @TempDir
    Path dir;

    private Path changelog;

    /** 1.4.0 had its section written, was rolled back and never tagged; a fix came after. */
    private GitFixture rolledBack() throws Exception {
        GitFixture repo =
                GitFixture.init(dir).commit("feat: first").tag("v1.3.0").commit("feat: search by tag");
        repo.git("remote", "add", "origin", "git@github.com:acme/shop.git");
        changelog = dir.resolve("CHANGELOG.md");
        Files.writeString(changelog, INTRO + OLDER + LINKS);
        assertThat(GantryProcess.run(dir, "changelog", "--write", "--date", "2026-11-20")
                        .exitCode())
                .isZero();
        return repo.commit("fix: crash the rollback found");
    }

    @Test
    void writeAloneRefusesTheVersionItAlreadyHas() throws Exception {
        rolledBack();
        String before = Files.readString(changelog, StandardCharsets.UTF_8);
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--write", "--date", "2026-11-23");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("CHANGELOG.md:9: already has a section for 1.4.0; nothing written");
        assertThat(Files.readString(changelog, StandardCharsets.UTF_8)).isEqualTo(before);
    }

    @Test
    void replaceWritesTheUntaggedVersionAgainAndKeepsEveryOtherByte() throws Exception {
        rolledBack();
        GantryProcess.Result result =
                GantryProcess.run(dir, "changelog", "--write", "--replace", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).startsWith("wrote ");

        String section =
                GantryProcess.run(dir, "changelog", "--date", "2026-11-23").out();
        // The section and the blank line that parts it from its link definition, as the changelog prints them.
        String text = section.substring(0, section.indexOf("[1.4.0]: "));
        String reference = section.substring(section.indexOf("[1.4.0]: ")).strip();
        assertThat(text).contains("- search by tag (").contains("### Fixed\n\n- crash the rollback found (");
        assertThat(Files.readString(changelog, StandardCharsets.UTF_8))
                .isEqualTo(INTRO + text + OLDER + reference + "\n" + LINKS);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void replaceLeavesATaggedVersionAlone() throws Exception {
        rolledBack().tag("v1.4.0");
        String before = Files.readString(changelog, StandardCharsets.UTF_8);
        GantryProcess.Result result =
                GantryProcess.run(dir, "changelog", "--from", "v1.3.0", "--to", "v1.4.0", "--write", "--replace");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("v1.4.0 is tagged; nothing written");
        assertThat(Files.readString(changelog, StandardCharsets.UTF_8)).isEqualTo(before);
    }

    @Test
    void replaceGoesWithWrite() {
        GitFixture.init(dir).commit("feat: first");
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--replace");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--replace goes with --write");
    }
}
