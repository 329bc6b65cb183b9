package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gantry command run end to end as a process against real repositories. */
class CliTest {

    @TempDir
    Path dir;

    private GitFixture released() {
        return GitFixture.init(dir)
                .commit("feat: first")
                .tag("v1.3.0")
                .commit("feat(api): search by tag (#12)")
                .commit("fix: crash on empty query\n\nCloses #15")
                .commit("docs: explain search")
                .commit("perf(db): faster lookups")
                .commit("feat!: drop v1 endpoints\n\nBREAKING CHANGE: /v1 is gone.\nUse /v2 instead.");
    }

    @Test
    void versionPrintsTheVersionAloneOnStdout() {
        GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat(api): search");
        GantryProcess.Result result = GantryProcess.run(dir, "version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("1.4.0\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void repoOptionPointsAtAnotherDirectory() {
        GitFixture.init(dir.resolve("repo")).commit("fix: a");
        GantryProcess.Result result = GantryProcess.run(dir, "version", "--repo", "repo");
        assertThat(result.out()).isEqualTo("1.0.0\n");
    }

    @Test
    void nothingToReleaseExitsThreeWithAMessageOnStderr() {
        GitFixture.init(dir).commit("fix: a").tag("v1.0.0").commit("docs: b");
        GantryProcess.Result result = GantryProcess.run(dir, "version");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("nothing to release");
    }

    @Test
    void jsonCarriesTypeLastReleaseAndEveryCommit() throws Exception {
        GitFixture.init(dir).commit("fix: a").tag("v1.0.0").branch("hotfix/x").commit("fix: urgent");
        GantryProcess.Result result = GantryProcess.run(dir, "version", "--json");
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("version").asText()).isEqualTo("1.0.1");
        assertThat(json.get("releaseType").asText()).isEqualTo("hotfix");
        assertThat(json.get("lastRelease").get("tag").asText()).isEqualTo("v1.0.0");
        assertThat(json.get("commits").get(0).get("contribution").asText()).isEqualTo("fix");
    }

    @Test
    void explainListsEachCommitWithItsContribution() {
        GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.0.0")
                .commit("feat: b")
                .commit("docs: c")
                .revertHead();
        GantryProcess.Result result = GantryProcess.run(dir, "version", "--explain");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("last release: v1.0.0")
                .contains("feat     minor  feat: b")
                .contains("reverted none   docs: c")
                .contains("next: 1.1.0 (minor release)");
    }

    @Test
    void atRecomputesAPastRelease() {
        GitFixture.init(dir)
                .commit("feat: a")
                .tag("v1.0.0")
                .commit("feat: b")
                .tag("v1.1.0")
                .commit("fix: c");
        assertThat(GantryProcess.run(dir, "version", "--at", "v1.1.0").out()).isEqualTo("1.1.0\n");
    }

    @Test
    void componentsEachGetTheirVersion() throws Exception {
        var repo = GitFixture.init(dir)
                .commitIn("services/api", "feat(api): first")
                .tag("api-v1.0.0")
                .commitIn("services/web", "feat(web): first")
                .tag("web-v2.0.0")
                .commitIn("services/api", "fix(api): bug");
        Files.writeString(
                repo.dir().resolve("gantry.yaml"),
                """
                components:
                  - { name: api, path: services/api }
                  - { name: web, path: services/web }
                """);
        assertThat(GantryProcess.run(dir, "version").out()).isEqualTo("api 1.0.1\n");
        assertThat(GantryProcess.run(dir, "version", "--component", "api").out())
                .isEqualTo("1.0.1\n");
        assertThat(GantryProcess.run(dir, "version", "--component", "web").exitCode())
                .isEqualTo(3);
        GantryProcess.Result unknown = GantryProcess.run(dir, "version", "--component", "db");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown component \"db\"");
    }

    @Test
    void aComponentWhoseTagFormatChangedWarnsUntilThePlanListsBothPatterns() throws Exception {
        var repo = GitFixture.init(dir)
                .commitIn("pkg", "feat: first")
                .tag("pkg@1.2.3")
                .commitIn("pkg", "fix: retry");
        Files.writeString(repo.dir().resolve("gantry.yaml"), "components:\n  - { name: pkg, path: pkg }\n");
        GantryProcess.Result alone = GantryProcess.run(dir, "version");
        assertThat(alone.out()).isEqualTo("1.0.0\n");
        assertThat(alone.err())
                .isEqualTo("warning: component pkg: no tag matches \"pkg-v{version}\", though the repository has"
                        + " other tags, such as \"pkg@1.2.3\"; if its releases were tagged another way, add that"
                        + " pattern to tagPattern\n");
        assertThat(GantryProcess.run(dir, "notes", "--date", "2025-03-02").err())
                .startsWith("warning: component pkg: no tag matches \"pkg-v{version}\"");
        Files.writeString(
                repo.dir().resolve("gantry.yaml"),
                "components:\n  - { name: pkg, path: pkg, tagPattern: [\"pkg-v{version}\", \"pkg@{version}\"] }\n");
        GantryProcess.Result both = GantryProcess.run(dir, "version", "--explain");
        assertThat(both.err()).isEmpty();
        assertThat(both.out()).contains("last release: pkg@1.2.3", "next: 1.2.4 (patch release)");
    }

    @Test
    void planErrorsNameFileLineColumnAndKey() throws Exception {
        GitFixture.init(dir).commit("fix: a");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                versioning:
                  tagPatern: "v{version}"
                  releaseRules:
                    - { type: build, release: huge }
                """);
        GantryProcess.Result result = GantryProcess.run(dir, "version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains(
                        "gantry.yaml:2:3: versioning.tagPatern: unknown key \"tagPatern\"; did you mean \"tagPattern\"?")
                .contains("gantry.yaml:4:31: versioning.releaseRules[0].release:");
    }

    @Test
    void configuredReleaseRulesAndTagPattern() throws Exception {
        GitFixture.init(dir).commit("fix: a").tag("api-v1.0.0").commit("build: new toolchain");
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                versioning:
                  tagPattern: "api-v{version}"
                  releaseRules:
                    - { type: build, release: patch }
                """);
        assertThat(GantryProcess.run(dir, "version").out()).isEqualTo("1.0.1\n");
    }

    @Test
    void notAGitRepositoryIsInvalidInput() {
        GantryProcess.Result result = GantryProcess.run(dir, "version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not inside a git repository");
    }

    @Test
    void helpAndUsageErrors() {
        GantryProcess.Result help = GantryProcess.run(dir, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("version", "changelog", "notes", "completion", "Exit codes");
        assertThat(GantryProcess.run(dir, "version", "--help").out()).contains("--explain", "Examples:");
        GantryProcess.Result bad = GantryProcess.run(dir, "version", "--nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option: '--nope'");
    }

    @Test
    void schemaIsPrintedAsJson() throws Exception {
        GantryProcess.Result result = GantryProcess.run(dir, "schema");
        assertThat(result.exitCode()).isZero();
        JsonNode schema = new ObjectMapper().readTree(result.out());
        assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.at("/properties/versioning/properties/tagPattern/anyOf/0/type")
                        .asText())
                .isEqualTo("string");
        assertThat(schema.at("/properties/versioning/properties/tagPattern/anyOf/1/items/type")
                        .asText())
                .isEqualTo("string");
        assertThat(schema.at("/properties/versioning/properties/squashBullets/type")
                        .asText())
                .isEqualTo("boolean");
        JsonNode environment = schema.at("/properties/environments/items/properties");
        assertThat(environment.at("/target/oneOf").findValuesAsText("const")).containsExactly("command", "local");
        assertThat(environment.at("/metrics/oneOf").findValuesAsText("const")).contains("prometheus", "local");
    }

    @Test
    void completionScriptIsGenerated() {
        GantryProcess.Result result = GantryProcess.run(dir, "completion");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F", "changelog");
    }

    @Test
    void changelogPrintsTheNextSection() {
        released();
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("## [2.0.0] - 2026-11-23\n")
                .contains("### Added\n\n- **BREAKING** drop v1 endpoints (")
                .contains("- **api:** search by tag (#12) (")
                .contains("### Changed\n\n- **db:** faster lookups (")
                .contains("### Fixed\n\n- crash on empty query (#15) (")
                .doesNotContain("explain search");
    }

    @Test
    void changelogWriteKeepsEveryExistingByte() throws Exception {
        released();
        String existing = "# Changelog\n\nHand-written intro, keep me.\n\n## [Unreleased]\n\n- planned thing\n\n"
                + "## [1.3.0] - 2025-01-01\n\n### Added\n\n- first (edited by hand)\n";
        Path file = dir.resolve("CHANGELOG.md");
        Files.writeString(file, existing);
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--write", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        String updated = Files.readString(file, StandardCharsets.UTF_8);
        int at = updated.indexOf("## [2.0.0]");
        assertThat(updated.substring(0, at)).isEqualTo(existing.substring(0, existing.indexOf("## [1.3.0]")));
        assertThat(updated).endsWith(existing.substring(existing.indexOf("## [1.3.0]")));

        GantryProcess.Result again = GantryProcess.run(dir, "changelog", "--write", "--date", "2026-11-23");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("CHANGELOG.md:").contains("already has a section for 2.0.0");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(updated);
    }

    @Test
    void changelogOfARangeAndOfTheWholeHistory() {
        released().tag("v2.0.0").commit("fix: later");
        GantryProcess.Result range = GantryProcess.run(dir, "changelog", "--from", "v1.3.0", "--to", "v2.0.0");
        assertThat(range.out()).startsWith("## [2.0.0] - ").contains("search by tag");
        GantryProcess.Result all = GantryProcess.run(dir, "changelog", "--all");
        assertThat(all.out()).startsWith("# Changelog").contains("## [2.0.0]").contains("## [1.3.0]");
        assertThat(all.out().indexOf("## [2.0.0]")).isLessThan(all.out().indexOf("## [1.3.0]"));
    }

    @Test
    void notesFollowTheTemplateAndCarryMigrationText() {
        released();
        GantryProcess.Result result = GantryProcess.run(dir, "notes", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith(
                        "# Release Notes: v2.0.0\n\n**Release Date:** November 23, 2026 · **Release Type:** Major Release\n\n")
                .contains("## 🎉 What's New")
                .contains("- **api:** search by tag (#12)")
                .contains("## Performance Improvements\n\n- **db:** faster lookups")
                .contains("## 🐛 Bug Fixes\n\n- crash on empty query (#15)")
                .contains("## 📚 Documentation\n\n- explain search")
                .contains("## ⚠️ Breaking Changes\n\n### drop v1 endpoints\n\n/v1 is gone.\nUse /v2 instead.");
    }

    @Test
    void notesListARevertOfAReleasedChangeAmongTheFixes() {
        GitFixture.init(dir).commit("feat: risky export").tag("v1.0.0").revertHead();
        GantryProcess.Result result = GantryProcess.run(dir, "notes", "--date", "2026-11-23");
        assertThat(result.out()).contains("## 🐛 Bug Fixes\n\n- Revert \"feat: risky export\"");
    }

    @Test
    void notesWithAUserTemplateAndWrite() throws Exception {
        released();
        Files.writeString(
                dir.resolve("my.peb"),
                "{{ version }} {{ releaseType }}{% for e in fixes %} {{ e.description }}{% endfor %}\n");
        GantryProcess.Result result = GantryProcess.run(dir, "notes", "--template", "my.peb", "--write");
        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve(".gantry/releases/v2.0.0/notes.md")))
                .isEqualTo("2.0.0 Major crash on empty query");
    }

    @Test
    void anEmptyRangeIsNothingToRelease() {
        released().tag("v2.0.0");
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--from", "v2.0.0", "--to", "v2.0.0");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void notesAreNotOverwrittenWithoutForce() throws Exception {
        released();
        assertThat(GantryProcess.run(dir, "notes", "--write").exitCode()).isZero();
        Path notes = dir.resolve(".gantry/releases/v2.0.0/notes.md");
        Files.writeString(notes, "edited by hand");
        GantryProcess.Result again = GantryProcess.run(dir, "notes", "--write");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists", "--force");
        assertThat(Files.readString(notes)).isEqualTo("edited by hand");
        assertThat(GantryProcess.run(dir, "notes", "--write", "--force").exitCode())
                .isZero();
        assertThat(Files.readString(notes)).startsWith("# Release Notes: v2.0.0");
    }

    @Test
    void changelogWriteKeepsPermissionsAndFollowsSymlinks() throws Exception {
        released();
        Path real = dir.resolve("docs/CHANGES.md");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "# Changelog\n");
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        Files.createSymbolicLink(dir.resolve("CHANGELOG.md"), Path.of("docs/CHANGES.md"));
        assertThat(GantryProcess.run(dir, "changelog", "--write").exitCode()).isZero();
        assertThat(Files.isSymbolicLink(dir.resolve("CHANGELOG.md"))).isTrue();
        assertThat(Files.readString(real)).contains("## [2.0.0]");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
                .isEqualTo("rw-rw-r--");
    }

    @Test
    void badDatesAndConfigDirectoriesSayWhatWasExpected() {
        released();
        GantryProcess.Result date = GantryProcess.run(dir, "changelog", "--date", "23/11/2026");
        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(date.err()).contains("expected a date like 2026-11-23, got \"23/11/2026\"");
        GantryProcess.Result config = GantryProcess.run(dir, "version", "--config", ".");
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains("is a directory, not a plan file");
    }

    @Test
    void aDeviceOrAFifoAsThePlanIsRefusedWithoutReadingIt() throws Exception {
        released();
        GantryProcess.Result zero = GantryProcess.run(dir, "version", "--config", "/dev/zero");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err())
                .isEqualTo("gantry: plan file /dev/zero is a character device, expected a YAML file; refused without"
                        + " opening it\n");

        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("plan.yaml").toString())
                .inheritIO()
                .start();
        assertThat(mkfifo.waitFor()).isZero();
        // Opening the FIFO would wait for a writer forever: the run would hang rather than fail.
        for (String command : java.util.List.of("version", "plan")) {
            GantryProcess.Result fifo = GantryProcess.run(dir, command, "--config", "plan.yaml");
            assertThat(fifo.exitCode()).isEqualTo(2);
            assertThat(fifo.err()).contains("plan file plan.yaml is a FIFO (named pipe), expected a YAML file");
        }
    }

    @Test
    void planValuesPastTheirBoundsAreInvalidInEveryCommand() throws Exception {
        released();
        Files.writeString(dir.resolve("gantry.yaml"), "project: " + "[".repeat(2000) + "]".repeat(2000) + "\n");
        GantryProcess.Result deep = GantryProcess.run(dir, "version");
        assertThat(deep.exitCode()).isEqualTo(2);
        assertThat(deep.err()).isEqualTo("gantry.yaml:1:73: invalid YAML: nested deeper than 64 levels\n");

        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                windows:
                  freeze:
                    - { cron: "0 15 * * FRI", duration: 9999999999999d }
                rollout:
                  canary: { watch: 999999999999d }
                """);
        String freeze = "gantry.yaml:3:41: windows.freeze[0].duration: expected a duration of at most 1095d"
                + " (3 years), got \"9999999999999d\"";
        String watch = "gantry.yaml:5:20: rollout.canary.watch: expected a duration of at most 1095d (3 years),"
                + " got \"999999999999d\"";
        GantryProcess.Result check = GantryProcess.run(dir, "plan", "check");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.out())
                .contains(freeze.replace("3:41: ", "3:41: error [invalid] "))
                .contains(watch.replace("5:20: ", "5:20: error [invalid] "));
        GantryProcess.Result plan = GantryProcess.run(dir, "plan");
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.err()).isEqualTo(freeze + "\n" + watch + "\n");
    }

    /** A history with every kind of change, its dates fixed so that hashes and output never vary. */
    private GitFixture richHistory() {
        return GitFixture.init(dir)
                .commit("feat: first")
                .tag("v1.0.0")
                .commit("fix(api): retry on 503\n\nCloses #7")
                .commit("docs: usage")
                .tag("v1.0.1")
                .commit("feat(ui): dark mode (#12)\n\n* feat(ui): dark mode\n\n* fix(ui): contrast of links")
                .commit("perf: cache lookups")
                .commit("feat: export")
                .revertHead()
                .tag("v1.1.0")
                .commit("refactor!: drop the v1 API\n\nBREAKING CHANGE: /v1 is gone.\n\nUse /v2, see MIGRATION.md.")
                .commit("fix: typo in errors (BUG-9)");
    }

    @Test
    void wholeChangelogMatchesTheGoldenFile() throws Exception {
        richHistory().tag("v2.0.0");
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--all");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(golden("changelog-all.md", result.out()));
    }

    @Test
    void releaseNotesMatchTheGoldenFile() throws Exception {
        richHistory();
        GantryProcess.Result result = GantryProcess.run(dir, "notes", "--date", "2026-11-23");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(golden("notes-2.0.0.md", result.out()));
    }

    /** The expected output kept in the test resources; -Dgantry.updateGolden=true rewrites it from {@code actual}. */
    private static String golden(String name, String actual) throws Exception {
        Path file = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("gantry.updateGolden")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void aFailingComponentWritesNoChangelogAtAll() throws Exception {
        var repo = GitFixture.init(dir)
                .commitIn("services/api", "feat(api): first")
                .tag("api-v1.0.0")
                .commitIn("services/web", "feat(web): first")
                .tag("web-v1.0.0")
                .branch("old")
                .commitIn("services/web", "fix(web): elsewhere")
                .tag("web-v1.0.1")
                .checkout("main")
                .commitIn("services/api", "fix(api): bug")
                .commitIn("services/web", "fix(web): bug");
        Files.writeString(
                repo.dir().resolve("gantry.yaml"),
                """
                components:
                  - { name: api, path: services/api }
                  - { name: web, path: services/web }
                """);
        GantryProcess.Result result = GantryProcess.run(dir, "changelog", "--write");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("web-v1.0.1 already tags commit");
        assertThat(dir.resolve("services/api/CHANGELOG.md")).doesNotExist();
    }

    @Test
    void aByteOrderMarkIsKeptAndDoesNotHideTheFirstRelease() throws Exception {
        released();
        Path file = dir.resolve("CHANGELOG.md");
        Files.writeString(file, "\uFEFF## [1.3.0] - 2025-01-01\n\n- old\n");
        assertThat(GantryProcess.run(dir, "changelog", "--write", "--date", "2026-11-23")
                        .exitCode())
                .isZero();
        assertThat(Files.readString(file))
                .startsWith("\uFEFF## [2.0.0] - 2026-11-23\n")
                .endsWith("## [1.3.0] - 2025-01-01\n\n- old\n");
    }
}
