package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.plan.Plan;
import dev.gantry.testing.GitFixture;
import dev.gantry.testing.PlanText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file check on real files of a real repository. */
class FileCheckTest {

    private static final String KEEP_A_CHANGELOG =
            """
            # Changelog

            All notable changes to this project are documented in this file.

            ## [Unreleased]

            ## [1.4.0] - 2026-11-20

            ### Added
            - Search by tag

            ## [1.3.0] - 2026-10-01
            """;

    @TempDir
    Path dir;

    private GitFixture repo;
    private CheckContext context;

    @BeforeEach
    void repository() {
        repo = GitFixture.init(dir).commit("feat: start");
        context = RepoChecksContext.in(dir).build();
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private CheckResult section(String name) {
        return new FileCheck(name, null, "{version}", false, false).evaluate(context);
    }

    @Test
    void anExistingFileWithContentIsMet() throws Exception {
        write("CHANGELOG.md", "# Changelog\n");
        CheckResult result = new FileCheck("CHANGELOG.md", null, null, false, false).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md exists (12 bytes)");
        assertThat(result.facts()).containsEntry("bytes", 12L);
    }

    @Test
    void theExistenceCheckDoesNotReadTheFileAsText() throws Exception {
        Files.write(dir.resolve("app.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThat(new FileCheck("app.bin", null, null, false, false)
                        .evaluate(context)
                        .evidence())
                .isEqualTo("app.bin exists (3 bytes)");
    }

    @Test
    void theReleaseFillsInThePath() throws Exception {
        write("docs/releases/1.4.0.md", "notes");
        CheckResult result = new FileCheck("docs/releases/{version}.md", null, null, false, false).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("docs/releases/1.4.0.md exists (5 bytes)");
        write("docs/v1.4.0-production.md", "x");
        assertThat(new FileCheck("docs/{tag}-{environment}.md", null, null, false, false)
                        .evaluate(context)
                        .evidence())
                .isEqualTo("docs/v1.4.0-production.md exists (1 byte)");
    }

    @Test
    void aMissingFileIsUnmetNotAnError() {
        CheckResult result = new FileCheck("MIGRATION.md", null, null, false, false).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("MIGRATION.md does not exist");
        assertThat(section("CHANGELOG.md").evidence()).isEqualTo("CHANGELOG.md does not exist");
    }

    @Test
    void anEmptyFileIsUnmet() throws Exception {
        write("CHANGELOG.md", "");
        CheckResult result = new FileCheck("CHANGELOG.md", null, null, false, false).evaluate(context);
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md is empty");
    }

    @Test
    void aFolderIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("CHANGELOG.md"));
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md is a folder, expected a file");
    }

    @Test
    void aNamedPipeIsAnErrorAndIsNeverOpened() throws Exception {
        Process mkfifo = new ProcessBuilder(
                        "mkfifo", dir.resolve("CHANGELOG.md").toString())
                .inheritIO()
                .start();
        assertThat(mkfifo.waitFor()).isZero();
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("CHANGELOG.md is a FIFO (named pipe), expected a file; refused without opening it");
        assertThat(new FileCheck("CHANGELOG.md", null, null, false, false)
                        .evaluate(context)
                        .status())
                .isEqualTo(Status.ERROR);
    }

    @Test
    void aSymlinkOutOfTheRepositoryIsAnError(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("CHANGELOG.md"), KEEP_A_CHANGELOG);
        Files.createSymbolicLink(dir.resolve("CHANGELOG.md"), elsewhere.resolve("CHANGELOG.md"));

        CheckResult result = section("CHANGELOG.md");

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo(
                        "CHANGELOG.md is a symlink to " + elsewhere.toRealPath().resolve("CHANGELOG.md")
                                + ", outside the repository: evidence is read from the repository only");
        assertThat(new FileCheck("CHANGELOG.md", null, null, false, false)
                        .evaluate(context)
                        .status())
                .isEqualTo(Status.ERROR);
    }

    @Test
    void aSymlinkInsideTheRepositoryIsFollowed() throws Exception {
        write("docs/CHANGELOG.md", KEEP_A_CHANGELOG);
        Files.createSymbolicLink(dir.resolve("CHANGELOG.md"), dir.resolve("docs/CHANGELOG.md"));
        assertThat(section("CHANGELOG.md").status()).isEqualTo(Status.MET);
    }

    @Test
    void aFileTooLargeToReadIsAnError() throws Exception {
        ReportChecksContext.sparse(dir.resolve("CHANGELOG.md"), EvidenceFile.MAX_BYTES + 1);
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence())
                .isEqualTo("CHANGELOG.md has 67108865 bytes, more than the 64 MiB a check reads of one file");
        assertThat(new FileCheck("CHANGELOG.md", null, null, false, false)
                        .evaluate(context)
                        .evidence())
                .as("whether it exists needs no reading")
                .isEqualTo("CHANGELOG.md exists (67108865 bytes)");
    }

    @Test
    void textThatIsNotUtf8IsAnError() throws Exception {
        Files.write(dir.resolve("CHANGELOG.md"), new byte[] {'#', ' ', (byte) 0xc3, '(', '\n'});
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md is not UTF-8 text");
    }

    @Test
    void anUnreadableFileIsAnError() throws Exception {
        Path file = write("CHANGELOG.md", KEEP_A_CHANGELOG);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "the superuser reads any file");
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("cannot read CHANGELOG.md: permission denied");
    }

    @Test
    void theSectionOfTheReleaseNamesItsLine() throws Exception {
        write("CHANGELOG.md", KEEP_A_CHANGELOG);
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md:7 has \"## [1.4.0] - 2026-11-20\"");
        assertThat(result.facts()).containsEntry("line", 7);
    }

    @Test
    void otherVersionsContainingTheTextDoNotCount() throws Exception {
        write(
                "CHANGELOG.md",
                """
                # Changelog
                ## [11.4.0] - 2026-11-20
                ## [1.4.01]
                ## 1.4.0-rc.1
                ## 1.4.0.1
                ## 21.4.0
                """);
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md has no heading with \"1.4.0\"");
        assertThat(result.details())
                .containsExactly(
                        "CHANGELOG.md:1 \"# Changelog\"",
                        "CHANGELOG.md:2 \"## [11.4.0] - 2026-11-20\"",
                        "CHANGELOG.md:3 \"## [1.4.01]\"",
                        "CHANGELOG.md:4 \"## 1.4.0-rc.1\"",
                        "CHANGELOG.md:5 \"## 1.4.0.1\"",
                        "CHANGELOG.md:6 \"## 21.4.0\"");
    }

    @Test
    void headingsInCodeAndLinesThatOnlyLookLikeHeadingsDoNotCount() throws Exception {
        write(
                "CHANGELOG.md",
                """
                Release 1.4.0 is coming.
                #1.4.0 is an issue reference, not a heading
                    ## 1.4.0 is indented code
                ```markdown
                ## 1.4.0
                ```
                ~~~~
                ## [1.4.0]
                ```
                ## 1.4.0 still inside the tilde fence
                ~~~~
                ####### 1.4.0 has seven marks
                """);
        CheckResult result = section("CHANGELOG.md");
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("CHANGELOG.md has no heading with \"1.4.0\" (it has no headings)");
    }

    @Test
    void headingsInTheirUsualShapes() throws Exception {
        String[] shapes = {
            "## v1.4.0",
            "# 1.4.0",
            "### Version 1.4.0.",
            "## 1.4.0 ##",
            "   ## [1.4.0](https://example.com/v1.4.0)",
            "## 1.4.0 (2026-11-20)",
            "######\t1.4.0"
        };
        for (String shape : shapes) {
            write("CHANGELOG.md", "# Changelog\n\n" + shape + "\n");
            assertThat(section("CHANGELOG.md").evidence())
                    .as(shape)
                    .isEqualTo("CHANGELOG.md:3 has \"" + shape.strip() + "\"");
        }
    }

    @Test
    void windowsLineEndingsAndAByteOrderMark() throws Exception {
        write("CHANGELOG.md", "\uFEFF## [1.4.0] - 2026-11-20\r\n\r\n- Added\r\n");
        assertThat(section("CHANGELOG.md").evidence()).isEqualTo("CHANGELOG.md:1 has \"## [1.4.0] - 2026-11-20\"");
        write("CHANGES.md", "# Changes\r\n\r\n## 1.4.0\r\n");
        assertThat(section("CHANGES.md").evidence()).isEqualTo("CHANGES.md:3 has \"## 1.4.0\"");
    }

    @Test
    void aSectionOfFreeText() throws Exception {
        write("UPGRADING.md", "# Upgrading\n\n## Breaking changes in 1.4.0\n");
        CheckResult found = new FileCheck("UPGRADING.md", null, "Breaking changes", false, false).evaluate(context);
        assertThat(found.evidence()).isEqualTo("UPGRADING.md:3 has \"## Breaking changes in 1.4.0\"");
        CheckResult partWord = new FileCheck("UPGRADING.md", null, "Break", false, false).evaluate(context);
        assertThat(partWord.status()).isEqualTo(Status.UNMET);
    }

    @Test
    void aLineMatchingThePatternNamesItsLine() throws Exception {
        write("gradle.properties", "group=dev.shop\nversion=1.4.0\n");
        CheckResult result = new FileCheck("gradle.properties", "^version=\\d+\\.\\d+\\.\\d+$", null, false, false)
                .evaluate(context);
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("gradle.properties:2 has \"version=1.4.0\"");
    }

    @Test
    void theReleaseInAPatternIsMatchedLiterally() throws Exception {
        Check check = new FileCheck("gradle.properties", "^version={version}$", null, false, false);
        write("gradle.properties", "version=1x4x0\n");
        CheckResult unmet = check.evaluate(context);
        assertThat(unmet.status()).isEqualTo(Status.UNMET);
        assertThat(unmet.evidence()).isEqualTo("no line of gradle.properties matches \"^version={version}$\"");
        write("gradle.properties", "version=1.4.0\n");
        assertThat(check.evaluate(context).status()).isEqualTo(Status.MET);
    }

    @Test
    void whenBreakingAppliesOnlyToBreakingReleases() throws Exception {
        Check guide = new FileCheck("MIGRATION.md", null, "{version}", true, false);
        CheckResult notRequired = guide.evaluate(context);
        assertThat(notRequired.status()).isEqualTo(Status.MET);
        assertThat(notRequired.evidence()).isEqualTo("not required: no breaking changes");
        CheckContext breaking = RepoChecksContext.in(dir).breaking(true).build();
        assertThat(guide.evaluate(breaking).evidence()).isEqualTo("MIGRATION.md does not exist");
        write("MIGRATION.md", "# Migrating\n\n## To 1.4.0\n");
        assertThat(guide.evaluate(breaking).evidence()).isEqualTo("MIGRATION.md:3 has \"## To 1.4.0\"");
    }

    @Test
    void badSettingsSayWhatIsExpected() {
        assertThatThrownBy(() -> new FileCheck("x.txt", "version=(", null, false, false))
                .hasMessage("expected a Java regular expression, got \"version=(\": unclosed group near index 9");
        assertThatThrownBy(() -> new FileCheck("x.txt", "a", "b", false, false))
                .hasMessage("give matches or section, not both");
        assertThatThrownBy(() -> new FileCheck(" ", null, null, false, false))
                .hasMessage("expected a file path such as CHANGELOG.md, got \" \"");
        assertThatThrownBy(() -> new FileCheck("x.md", null, "", false, false))
                .hasMessage("expected the text of a heading such as \"{version}\", got \"\"");
    }

    @Test
    void describeSaysWhatIsChecked() {
        assertThat(new FileCheck("CHANGELOG.md", null, "{version}", false, false).describe())
                .isEqualTo("CHANGELOG.md has a heading with \"{version}\"");
        assertThat(new FileCheck("MIGRATION.md", null, null, true, false).describe())
                .isEqualTo("MIGRATION.md exists and is not empty, when the release has breaking changes");
        assertThat(new FileCheck("VERSION", "^{version}$", null, false, false).describe())
                .isEqualTo("a line of VERSION matches \"^{version}$\"");
    }

    @Test
    void aFreshFileWasChangedByTheReleaseOrSinceThePreviousOne() throws Exception {
        write("CHANGELOG.md", "# Changelog\n## [1.3.0]\n");
        repo.git("add", "CHANGELOG.md");
        repo.commit("chore: changelog for 1.3.0").tag("v1.3.0").commit("feat: search");
        FileCheck fresh = new FileCheck("CHANGELOG.md", null, null, false, true);

        CheckResult old =
                fresh.evaluate(RepoChecksContext.in(dir).previousTag("v1.3.0").build());
        assertThat(old.status()).isEqualTo(Status.UNMET);
        assertThat(old.evidence())
                .isEqualTo("CHANGELOG.md exists (23 bytes); CHANGELOG.md was last changed before v1.3.0");
        assertThat(old.facts()).containsEntry("fresh", false);

        write("CHANGELOG.md", "# Changelog\n## [1.4.0]\n## [1.3.0]\n");
        CheckResult uncommitted =
                fresh.evaluate(RepoChecksContext.in(dir).previousTag("v1.3.0").build());
        assertThat(uncommitted.status()).isEqualTo(Status.UNMET);
        assertThat(uncommitted.evidence())
                .endsWith("; CHANGELOG.md has changes not committed, so git cannot tell when it was made");

        repo.git("add", "CHANGELOG.md");
        repo.commit("docs: changelog for 1.4.0");
        String release = repo.head();
        CheckResult now =
                fresh.evaluate(RepoChecksContext.in(dir).previousTag("v1.3.0").build());
        assertThat(now.status()).isEqualTo(Status.MET);
        assertThat(now.evidence())
                .isEqualTo("CHANGELOG.md exists (34 bytes); CHANGELOG.md last changed in " + release.substring(0, 7)
                        + " since v1.3.0");
        assertThat(now.facts()).containsEntry("fresh", true);
        CheckContext atTheOldRelease = RepoChecksContext.in(dir)
                .previousTag("v1.3.0")
                .commit(repo.git("rev-parse", "v1.3.0").strip())
                .build();
        assertThat(fresh.evaluate(atTheOldRelease).status()).isEqualTo(Status.UNMET);
        assertThat(new FileCheck("CHANGELOG.md", null, null, false, false)
                        .evaluate(atTheOldRelease)
                        .status())
                .as("freshness is asked for only when the plan says so")
                .isEqualTo(Status.MET);
    }

    @Test
    void aFreshFileMustBeInGit() throws Exception {
        write("NOTES.md", "notes");
        FileCheck fresh = new FileCheck("NOTES.md", null, null, false, true);

        CheckResult untracked = fresh.evaluate(context);
        assertThat(untracked.status()).isEqualTo(Status.UNMET);
        assertThat(untracked.evidence())
                .isEqualTo("NOTES.md exists (5 bytes); NOTES.md has changes not committed, so git cannot tell when it"
                        + " was made");

        repo.git("add", "NOTES.md");
        repo.git("commit", "-q", "-m", "docs: notes");
        CheckResult first = fresh.evaluate(RepoChecksContext.in(dir).build());
        assertThat(first.status()).as("a first release: any commit counts").isEqualTo(Status.MET);

        CheckResult missingTag =
                fresh.evaluate(RepoChecksContext.in(dir).previousTag("v0.9.0").build());
        assertThat(missingTag.status()).isEqualTo(Status.ERROR);
        assertThat(missingTag.evidence()).isEqualTo("the previous release's tag v0.9.0 does not exist");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = load(
                """
                criteria:
                  - id: DEP-012
                    title: Changelog has the release
                    check: { type: file, path: CHANGELOG.md, section: "{version}" }
                  - id: DEP-013
                    title: Migration guide
                    check: { type: file, path: docs/MIGRATION.md, whenBreaking: true, fresh: true }
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new FileCheck("CHANGELOG.md", null, "{version}", false, false));
        assertThat(plan.criteria().get(1).check())
                .isEqualTo(new FileCheck("docs/MIGRATION.md", null, null, true, true));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        errors(
                                """
                        criteria:
                          - id: DEP-012
                            title: Version file
                            check: { type: file, path: VERSION, matches: "(" }
                          - id: DEP-013
                            title: Both
                            check: { type: file, path: VERSION, matches: a, section: b }
                          - id: DEP-014
                            title: No path
                            check: { type: file }
                        """))
                .containsExactly(
                        "gantry.yaml:4:50: criteria[0].check.matches: expected a Java regular expression, got \"(\":"
                                + " unclosed group near index 1",
                        "gantry.yaml:7:12: criteria[1].check: give matches or section, not both",
                        "gantry.yaml:10:12: criteria[2].check: missing required key \"path\"");
    }

    private Plan load(String yaml) throws Exception {
        return PlanText.load(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        return PlanText.errors(dir, yaml);
    }
}
