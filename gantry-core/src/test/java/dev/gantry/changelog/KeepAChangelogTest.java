package dev.gantry.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeepAChangelogTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

    private static Entry entry(String type, String scope, String description, boolean breaking, String... refs) {
        return new Entry(type, Optional.ofNullable(scope), description, breaking, List.of(), HASH, List.of(refs));
    }

    private static ReleaseChanges release(Entry... entries) {
        return new ReleaseChanges(
                "1.4.0", LocalDate.parse("2026-11-23"), Optional.of("v1.3.0"), Optional.of("v1.4.0"), List.of(entries));
    }

    @Test
    void sectionsInKeepAChangelogOrderWithLinks() {
        var links = Links.of(ChangelogSettings.DEFAULTS, Optional.of("git@github.com:acme/shop.git"));
        var section = new KeepAChangelog(ChangelogSettings.DEFAULTS, links)
                .render(release(
                        entry("fix", null, "resolve OTP timeout (BUG-123)", false),
                        entry("feat", "auth", "two-factor authentication", false, "#7"),
                        entry("refactor", null, "drop the old login endpoint", true),
                        entry("chore", null, "tidy", false)));
        assertThat(section.text())
                .isEqualTo(
                        """
                ## [1.4.0] - 2026-11-23

                ### Added

                - **auth:** two-factor authentication ([#7](https://github.com/acme/shop/issues/7)) ([0123456](https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567))

                ### Changed

                - **BREAKING** drop the old login endpoint ([0123456](https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567))

                ### Fixed

                - resolve OTP timeout (BUG-123) ([0123456](https://github.com/acme/shop/commit/0123456789abcdef0123456789abcdef01234567))
                """);
        assertThat(section.linkReference()).contains("[1.4.0]: https://github.com/acme/shop/compare/v1.3.0...v1.4.0");
    }

    @Test
    void withoutARemoteHashesStayPlain() {
        var section = new KeepAChangelog(ChangelogSettings.DEFAULTS, Links.NONE)
                .render(release(entry("fix", null, "x #12", false)));
        assertThat(section.text()).contains("- x #12 (0123456)\n");
        assertThat(section.linkReference()).isEmpty();
    }

    @Test
    void remoteUrlShapes() {
        assertThat(Links.webUrl("https://github.com/acme/shop.git")).contains("https://github.com/acme/shop");
        assertThat(Links.webUrl("ssh://git@gitlab.example.com/group/sub/proj.git"))
                .contains("https://gitlab.example.com/group/sub/proj");
        assertThat(Links.webUrl("https://token@github.com/acme/shop")).contains("https://github.com/acme/shop");
        assertThat(Links.webUrl("/srv/git/shop.git")).isEmpty();
    }

    @Test
    void insertGoesAboveTheNewestReleaseAndBelowUnreleased() {
        String existing = "# Changelog\n\nintro\n\n## [Unreleased]\n\n- wip\n\n## [1.3.0] - 2025-01-01\n\n- old\n\n"
                + "[1.3.0]: https://example.com/a\n";
        var section = new KeepAChangelog.Section(
                "1.4.0", "## [1.4.0] - 2026-11-23\n\n- new\n", Optional.of("[1.4.0]: https://example.com/b"));
        assertThat(ChangelogFile.insert(existing, section, "CHANGELOG.md"))
                .isEqualTo(
                        "# Changelog\n\nintro\n\n## [Unreleased]\n\n- wip\n\n## [1.4.0] - 2026-11-23\n\n- new\n\n"
                                + "## [1.3.0] - 2025-01-01\n\n- old\n\n[1.4.0]: https://example.com/b\n[1.3.0]: https://example.com/a\n");
    }

    @Test
    void insertIntoAFileWithoutReleasesAppends() {
        var section = new KeepAChangelog.Section("1.0.0", "## [1.0.0] - 2026-11-23\n\n- new\n", Optional.empty());
        assertThat(ChangelogFile.insert("# Changelog\n\nintro", section, "CHANGELOG.md"))
                .isEqualTo("# Changelog\n\nintro\n\n## [1.0.0] - 2026-11-23\n\n- new\n");
    }

    @Test
    void insertRefusesASecondSectionForTheSameVersion() {
        var section = new KeepAChangelog.Section("1.3.0", "## [1.3.0] - x\n", Optional.empty());
        assertThatThrownBy(() -> ChangelogFile.insert("# C\n\n## [1.3.0] - 2025-01-01\n", section, "CHANGELOG.md"))
                .hasMessage("CHANGELOG.md:3: already has a section for 1.3.0; nothing written");
    }

    @Test
    void customSectionMapping() {
        var settings = new ChangelogSettings(null, java.util.Map.of("docs", "Documentation"), "none", null, null);
        var text = new KeepAChangelog(settings, Links.of(settings, Optional.empty()))
                .render(release(entry("docs", null, "guide", false), entry("feat", null, "hidden now", false)))
                .text();
        assertThat(text).contains("### Documentation\n\n- guide (0123456)").doesNotContain("hidden now");
    }

    @Test
    void insertRecognisesConventionalChangelogHeadings() {
        String existing = "# Changelog\n\n# [1.3.0](https://x/compare/v1.2.0...v1.3.0) (2025-01-01)\n\n- old\n";
        var section = new KeepAChangelog.Section("1.4.0", "## [1.4.0] - 2026-11-23\n\n- new\n", Optional.empty());
        assertThat(ChangelogFile.insert(existing, section, "CHANGELOG.md"))
                .isEqualTo(
                        "# Changelog\n\n## [1.4.0] - 2026-11-23\n\n- new\n\n# [1.3.0](https://x/compare/v1.2.0...v1.3.0) (2025-01-01)\n\n- old\n");
    }

    @Test
    void linkReferencesGoIntoTheBlockAtTheEndOnly() {
        String existing =
                "# Changelog\n\nSee [policy].\n\n[policy]: https://example.com/policy\n\n## [1.3.0] - 2025-01-01\n\n- old\n";
        var section = new KeepAChangelog.Section(
                "1.4.0", "## [1.4.0] - 2026-11-23\n\n- new\n", Optional.of("[1.4.0]: https://x/c"));
        String updated = ChangelogFile.insert(existing, section, "CHANGELOG.md");
        assertThat(updated)
                .startsWith("# Changelog\n\nSee [policy].\n\n[policy]: https://example.com/policy\n\n## [1.4.0]");
        assertThat(updated).endsWith("- old\n\n[1.4.0]: https://x/c\n");
    }

    @Test
    void windowsLineEndingsStayWindowsLineEndings() {
        String existing = "# Changelog\r\n\r\n## [1.3.0] - 2025-01-01\r\n\r\n- old\r\n";
        var section = new KeepAChangelog.Section("1.4.0", "## [1.4.0] - 2026-11-23\n\n- new\n", Optional.empty());
        String updated = ChangelogFile.insert(existing, section, "CHANGELOG.md");
        assertThat(updated.replace("\r\n", "")).doesNotContain("\n");
        assertThat(updated).endsWith(existing.substring(existing.indexOf("## [1.3.0]")));
    }

    @Test
    void unreleasedHasNoDate() {
        var unreleased = new ReleaseChanges(
                "Unreleased",
                LocalDate.parse("2026-11-23"),
                Optional.empty(),
                Optional.empty(),
                List.of(entry("fix", null, "x", false)));
        assertThat(new KeepAChangelog(ChangelogSettings.DEFAULTS, Links.NONE)
                        .render(unreleased)
                        .text())
                .startsWith("## [Unreleased]\n");
    }

    @Test
    void eachLinkCanBeTurnedOffOnItsOwn() {
        var settings = new ChangelogSettings(null, null, null, "none", "none");
        var links = Links.of(settings, Optional.of("https://github.com/acme/shop.git"));
        var section = new KeepAChangelog(settings, links).render(release(entry("fix", null, "x #3", false)));
        assertThat(section.text()).contains("- x #3 ([0123456](https://github.com/acme/shop/commit/");
        assertThat(section.linkReference()).isEmpty();
    }

    @Test
    void mixedLineEndingsKeepTheLinkBlockWhole() {
        String existing = "# Changelog\r\n\n## [1.0.0] - 2025-01-01\n\n- old\r\n\n[1.0.0]: https://x/v1.0.0\n";
        var section =
                new KeepAChangelog.Section("1.1.0", "## [1.1.0] - 2026-11-23\n", Optional.of("[1.1.0]: https://x/c"));
        String updated = ChangelogFile.insert(existing, section, "CHANGELOG.md");
        assertThat(updated).contains("[1.1.0]: https://x/c\r\n[1.0.0]: https://x/v1.0.0\n");
    }

    @Test
    void theKeepAChangelogStarterGetsItsFirstReleaseAboveItsLinks() {
        String existing = "# Changelog\n\n## [Unreleased]\n\n[unreleased]: https://x/compare/HEAD\n";
        var section = new KeepAChangelog.Section(
                "1.0.0", "## [1.0.0] - 2026-11-23\n\n- new\n", Optional.of("[1.0.0]: https://x/c"));
        assertThat(ChangelogFile.insert(existing, section, "CHANGELOG.md"))
                .isEqualTo("# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-11-23\n\n- new\n\n"
                        + "[1.0.0]: https://x/c\n[unreleased]: https://x/compare/HEAD\n");
    }

    @Test
    void patchHeadingsOfTheConventionalCommitsPresetCount() {
        String existing = "# Changelog\n\n### [1.0.1](https://x) (2025-01-02)\n\n- fix\n";
        var section = new KeepAChangelog.Section("1.0.1", "## [1.0.1] - 2026-11-23\n", Optional.empty());
        assertThatThrownBy(() -> ChangelogFile.insert(existing, section, "CHANGELOG.md"))
                .hasMessageContaining("CHANGELOG.md:3: already has a section for 1.0.1");
    }

    private static final KeepAChangelog.Section AGAIN = new KeepAChangelog.Section(
            "1.4.0",
            "## [1.4.0] - 2026-11-23\n\n### Added\n\n- a\n\n### Fixed\n\n- b\n",
            Optional.of("[1.4.0]: https://example.com/new"));

    @Test
    void replaceRewritesOnlyTheSectionOfItsVersion() {
        String before = "# Changelog\r\n\r\nintro\r\n\r\n## [Unreleased]\r\n\r\n- wip\r\n\r\n";
        String after = "## [1.3.0] - 2025-01-01\r\n\r\n- old\r\n\r\n";
        String existing = before + "## [1.4.0] - 2026-11-20\r\n\r\n### Added\r\n\r\n- a (edited)\r\n\r\n" + after
                + "[1.4.0]: https://example.com/old\r\n[1.3.0]: https://example.com/a\r\n";
        assertThat(ChangelogFile.replace(existing, AGAIN, "CHANGELOG.md"))
                .isEqualTo(before
                        + "## [1.4.0] - 2026-11-23\r\n\r\n### Added\r\n\r\n- a\r\n\r\n### Fixed\r\n\r\n- b\r\n\r\n"
                        + after + "[1.4.0]: https://example.com/new\r\n[1.3.0]: https://example.com/a\r\n");
    }

    @Test
    void replaceOfTheLastSectionStopsAtTheLinksBelowIt() {
        String existing = "# Changelog\n\n## [1.4.0] - 2026-11-20\n\n- a\n\n[1.3.0]: https://example.com/a\n";
        assertThat(ChangelogFile.replace(existing, AGAIN, "CHANGELOG.md"))
                .isEqualTo("# Changelog\n\n## [1.4.0] - 2026-11-23\n\n### Added\n\n- a\n\n### Fixed\n\n- b\n\n"
                        + "[1.4.0]: https://example.com/new\n[1.3.0]: https://example.com/a\n");
    }

    @Test
    void replaceInsertsWhenTheVersionHasNoSection() {
        String existing = "# Changelog\n\n## [1.3.0] - 2025-01-01\n\n- old\n";
        assertThat(ChangelogFile.replace(existing, AGAIN, "CHANGELOG.md"))
                .isEqualTo(ChangelogFile.insert(existing, AGAIN, "CHANGELOG.md"));
    }

    @Test
    void replaceRefusesAVersionWithTwoSections() {
        String existing = "# C\n\n## [1.4.0] - 2026-11-20\n\n- a\n\n## [1.4.0] - 2026-11-21\n\n- b\n";
        assertThatThrownBy(() -> ChangelogFile.replace(existing, AGAIN, "CHANGELOG.md"))
                .hasMessage("CHANGELOG.md:7: a second section for 1.4.0; nothing written");
    }
}
