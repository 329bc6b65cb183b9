package dev.gantry.gate.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.gate.CheckResult;
import dev.gantry.gate.CheckResult.Status;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.testing.GitFixture;
import dev.gantry.testing.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The git check on real repositories, clones and work trees. */
class GitCheckTest {

    private static final List<String> RELEASE_BRANCHES = List.of("main", "release/*");

    @TempDir
    Path dir;

    private static GitCheck branches(List<String> branches) {
        return new GitCheck(branches, false, false, null);
    }

    private static GitCheck changed(String when, String require) {
        return new GitCheck(null, false, false, List.of(new GitCheck.ChangeRule(when, require)));
    }

    private CheckResult evaluate(GitCheck check, RepoChecksContext context) {
        return check.evaluate(context.build());
    }

    private static void write(GitFixture repo, String path, String content) throws Exception {
        Path file = repo.dir().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static GitFixture commitFiles(GitFixture repo, String message, String... paths) throws Exception {
        for (String path : paths) write(repo, path, message + "\n");
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", message);
        return repo;
    }

    @Test
    void allConditionsHoldOnAFreshReleaseCommit() {
        GitFixture.init(dir).commit("feat: start");
        CheckResult result = evaluate(new GitCheck(RELEASE_BRANCHES, true, true, null), RepoChecksContext.in(dir));
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("on main; tree clean; tag v1.4.0 absent");
        assertThat(result.details()).isEmpty();
        assertThat(result.facts()).containsEntry("uncommitted", 0);
    }

    @Test
    void aCommitOnlyOnAFeatureBranchIsNotOnTheReleaseBranches() {
        GitFixture repo = GitFixture.init(dir)
                .commit("feat: start")
                .branch("feature/search")
                .commit("feat: search");
        CheckResult result = evaluate(branches(RELEASE_BRANCHES), RepoChecksContext.in(dir));
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("not on main or release/* (on feature/search)");
        repo.checkout("main");
        assertThat(evaluate(branches(RELEASE_BRANCHES), RepoChecksContext.in(dir))
                        .evidence())
                .isEqualTo("on main");
    }

    @Test
    void aReleaseBranchMatchesTheGlob() {
        GitFixture.init(dir).commit("feat: start").branch("release/1.4").commit("fix: last fix");
        assertThat(evaluate(branches(RELEASE_BRANCHES), RepoChecksContext.in(dir))
                        .evidence())
                .isEqualTo("on release/1.4");
        assertThat(evaluate(branches(List.of("release/1.*")), RepoChecksContext.in(dir))
                        .status())
                .isEqualTo(Status.MET);
        assertThat(evaluate(branches(List.of("main")), RepoChecksContext.in(dir))
                        .evidence())
                .isEqualTo("not on main (on release/1.4)");
    }

    @Test
    void aDetachedCommitOnNoBranchSaysSo() {
        GitFixture repo = GitFixture.init(dir).commit("feat: start").commit("feat: more");
        repo.git("checkout", "-q", "--detach", "HEAD");
        repo.commit("fix: detached");
        CheckResult result = evaluate(branches(RELEASE_BRANCHES), RepoChecksContext.in(dir));
        assertThat(result.evidence()).isEqualTo("not on main or release/* (on no branch)");
    }

    @Test
    void originsRemoteTrackingBranchesCountInAClone() {
        GitFixture upstream = GitFixture.init(dir.resolve("upstream"))
                .commit("feat: start")
                .branch("release/1.4")
                .commit("fix: on the release branch")
                .checkout("main");
        String releaseCommit = upstream.git("rev-parse", "release/1.4").strip();
        Path clone = dir.resolve("clone");
        upstream.git("clone", "-q", upstream.dir().toString(), clone.toString());
        // The clone has a local main only; release/1.4 is origin/release/1.4, as in CI.
        assertThat(GitRepository.open(clone).branchesContaining(releaseCommit)).containsExactly("origin/release/1.4");
        CheckResult result =
                evaluate(branches(RELEASE_BRANCHES), RepoChecksContext.in(clone).commit(releaseCommit));
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("on origin/release/1.4");
        String start = upstream.git("rev-parse", "main").strip();
        assertThat(GitRepository.open(clone).branchesContaining(start))
                .as("origin/HEAD is a symbolic ref and left out")
                .containsExactly("main", "origin/main", "origin/release/1.4");
        assertThat(evaluate(
                                branches(List.of("main")),
                                RepoChecksContext.in(clone).commit(start))
                        .evidence())
                .isEqualTo("on main, origin/main");
    }

    @Test
    void uncommittedChangesAreListedSorted() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "src/App.java", "README.md");
        write(repo, "src/App.java", "changed\n");
        write(repo, "notes/todo.txt", "untracked\n");
        write(repo, "build.gradle", "staged\n");
        repo.git("add", "build.gradle");
        CheckResult result = evaluate(new GitCheck(null, true, false, null), RepoChecksContext.in(dir));
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("tree has 3 uncommitted paths");
        assertThat(result.details())
                .containsExactly("uncommitted: build.gradle", "uncommitted: notes/", "uncommitted: src/App.java");
        assertThat(result.facts()).containsEntry("uncommitted", 3);
    }

    @Test
    void gantrysOwnFolderDoesNotMakeTheTreeDirty() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", ".gantry/releases/v1.3.0/notes.md");
        write(repo, ".gantry/releases/v1.3.0/notes.md", "rewritten by gantry\n");
        write(repo, ".gantry/releases/v1.4.0/release-plan.md", "new\n");
        write(repo, ".gantry/state/gantry.db", "db\n");
        CheckResult result = evaluate(new GitCheck(null, true, false, null), RepoChecksContext.in(dir));
        assertThat(result.evidence()).isEqualTo("tree clean");
        write(repo, "gantry.yaml", "project: shop\n");
        assertThat(evaluate(new GitCheck(null, true, false, null), RepoChecksContext.in(dir))
                        .evidence())
                .isEqualTo("tree has 1 uncommitted path");
    }

    @Test
    void aStagedRenameGivesBothPathsAndLongListsAreCut() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "old name.txt");
        repo.git("mv", "old name.txt", "new name.txt");
        CheckResult renamed = evaluate(new GitCheck(null, true, false, null), RepoChecksContext.in(dir));
        assertThat(renamed.details()).containsExactly("uncommitted: new name.txt", "uncommitted: old name.txt");
        for (int i = 10; i < 22; i++) write(repo, "f" + i + ".txt", "x");
        CheckResult many = evaluate(new GitCheck(null, true, false, null), RepoChecksContext.in(dir));
        assertThat(many.evidence()).isEqualTo("tree has 14 uncommitted paths");
        assertThat(many.details())
                .hasSize(11)
                .startsWith("uncommitted: f10.txt")
                .endsWith("and 4 more");
    }

    @Test
    void anExistingTagIsUnmet() {
        GitFixture repo = GitFixture.init(dir).commit("feat: start");
        assertThat(evaluate(new GitCheck(null, false, true, null), RepoChecksContext.in(dir))
                        .evidence())
                .isEqualTo("tag v1.4.0 absent");
        repo.annotatedTag("v1.4.0");
        CheckResult result = evaluate(new GitCheck(null, false, true, null), RepoChecksContext.in(dir));
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("tag v1.4.0 exists (on " + repo.head().substring(0, 7) + ")");
    }

    @Test
    void configChangedWithoutDocsIsUnmet() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "config/app.yml", "docs/config.md");
        repo.tag("v1.3.0");
        commitFiles(repo, "feat: new settings", "config/app.yml", "config/db/pool.yml", "src/App.java");
        CheckResult result = evaluate(
                changed("config/**", "docs/**"), RepoChecksContext.in(dir).previousTag("v1.3.0"));
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence()).isEqualTo("config/** changed since v1.3.0 but docs/** did not");
        assertThat(result.details())
                .containsExactly(
                        "changed under config/**: config/app.yml", "changed under config/**: config/db/pool.yml");
        assertThat(result.facts()).containsEntry("changedFiles", 3);

        commitFiles(repo, "docs: new settings", "docs/config.md");
        CheckResult met = evaluate(
                changed("config/**", "docs/**"), RepoChecksContext.in(dir).previousTag("v1.3.0"));
        assertThat(met.status()).isEqualTo(Status.MET);
        assertThat(met.evidence()).isEqualTo("docs/** changed with config/**");
    }

    @Test
    void nothingChangedUnderWhenIsMet() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "config/app.yml");
        repo.annotatedTag("v1.3.0");
        commitFiles(repo, "fix: code only", "src/App.java");
        CheckResult result = evaluate(
                changed("config/**", "docs/**"), RepoChecksContext.in(dir).previousTag("v1.3.0"));
        assertThat(result.status()).isEqualTo(Status.MET);
        assertThat(result.evidence()).isEqualTo("config/** unchanged since v1.3.0");
    }

    @Test
    void aChangeUndoneSinceThePreviousReleaseIsNoChange() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "config/app.yml");
        repo.tag("v1.3.0");
        write(repo, "config/app.yml", "tried\n");
        repo.git("commit", "-q", "-am", "chore: try");
        write(repo, "config/app.yml", "feat: start\n");
        repo.git("commit", "-q", "-am", "chore: undo");
        assertThat(evaluate(
                                changed("config/**", "docs/**"),
                                RepoChecksContext.in(dir).previousTag("v1.3.0"))
                        .evidence())
                .isEqualTo("config/** unchanged since v1.3.0");
    }

    @Test
    void withoutAPreviousReleaseEveryFileCounts() throws Exception {
        commitFiles(GitFixture.init(dir), "feat: start", "config/app.yml", "src/App.java");
        CheckResult result = evaluate(changed("config/**", "docs/**"), RepoChecksContext.in(dir));
        assertThat(result.evidence()).isEqualTo("config/** changed since the first commit but docs/** did not");
        assertThat(result.facts()).containsEntry("changedFiles", 2);
    }

    @Test
    void aDeletedOrRenamedFileIsAChange() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "config/old.yml", "docs/a.md");
        repo.tag("v1.3.0");
        Files.createDirectories(repo.dir().resolve("settings"));
        repo.git("mv", "config/old.yml", "settings/new.yml");
        repo.git("commit", "-q", "-m", "refactor: move settings");
        CheckResult result = evaluate(
                changed("config/**", "docs/**"), RepoChecksContext.in(dir).previousTag("v1.3.0"));
        assertThat(result.details()).containsExactly("changed under config/**: config/old.yml");
    }

    @Test
    void aMissingPreviousTagIsAnError() throws Exception {
        commitFiles(GitFixture.init(dir), "feat: start", "config/app.yml");
        CheckResult result = evaluate(
                changed("config/**", "docs/**"), RepoChecksContext.in(dir).previousTag("v1.3.0"));
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).isEqualTo("the previous release's tag v1.3.0 does not exist");
    }

    @Test
    void anUnknownCommitIsAnErrorNamingGit() {
        GitFixture.init(dir).commit("feat: start");
        CheckResult result = evaluate(
                branches(RELEASE_BRANCHES),
                RepoChecksContext.in(dir).commit("0123456789abcdef0123456789abcdef01234567"));
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.evidence()).startsWith("git for-each-ref --contains=0123456789abcdef");
    }

    @Test
    void everyGivenConditionIsInTheEvidenceAndOneFailingIsEnough() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "config/app.yml");
        repo.tag("v1.3.0");
        commitFiles(repo, "feat: settings", "config/app.yml", "docs/config.md");
        repo.tag("v1.4.0");
        GitCheck check =
                new GitCheck(RELEASE_BRANCHES, true, true, List.of(new GitCheck.ChangeRule("config/**", "docs/**")));
        CheckResult result = evaluate(check, RepoChecksContext.in(dir).previousTag("v1.3.0"));
        assertThat(result.status()).isEqualTo(Status.UNMET);
        assertThat(result.evidence())
                .isEqualTo("on main; tree clean; tag v1.4.0 exists (on "
                        + repo.head().substring(0, 7) + "); docs/** changed with config/**");
    }

    @ParameterizedTest
    @CsvSource({
        "release/*, release/1.4, true",
        "release/*, release/1.4/hotfix, false",
        "release/**, release/1.4/hotfix, true",
        "config/**, config/app.yml, true",
        "config/**, config/db/pool.yml, true",
        "config/**, configuration/app.yml, false",
        "config/**, config, false",
        "docs/**/*.md, docs/a.md, true",
        "docs/**/*.md, docs/guides/b.md, true",
        "docs/**/*.md, docs/guides/b.txt, false",
        "**/*.yml, app.yml, true",
        "**/*.yml, config/app.yml, true",
        "*.yml, config/app.yml, false",
        "v?.txt, v1.txt, true",
        "v?.txt, v/.txt, false",
        "main, main, true",
        "main, mainline, false",
        "a.b, axb, false",
        "(x)+, (x)+, true"
    })
    void globs(String glob, String name, boolean matches) {
        assertThat(GitCheck.glob(glob).matcher(name).matches()).isEqualTo(matches);
    }

    @Test
    void aCheckWithoutConditionsIsRefused() {
        assertThatThrownBy(() -> new GitCheck(List.of(), false, false, List.of()))
                .hasMessage("a git check needs at least one condition: branches, clean: true, tagAbsent: true or"
                        + " changed");
        assertThatThrownBy(() -> new GitCheck(List.of(""), false, false, null))
                .hasMessage("expected a name or a glob such as release/* or docs/**, got \"\"");
    }

    @Test
    void describeListsTheConditions() {
        GitCheck check =
                new GitCheck(RELEASE_BRANCHES, true, true, List.of(new GitCheck.ChangeRule("config/**", "docs/**")));
        assertThat(check.describe())
                .isEqualTo("release commit on main or release/*; work tree clean; release tag not taken;"
                        + " docs/** changes with config/**");
    }

    @Test
    void thePlanFileDeclaresIt() throws Exception {
        Plan plan = load(
                """
                criteria:
                  - id: DEP-013
                    title: Release commit is on a release branch, clean and untagged
                    check:
                      type: git
                      branches: [main, "release/*"]
                      clean: true
                      tagAbsent: true
                      changed:
                        - { when: "config/**", require: "docs/**" }
                  - id: DEP-014
                    title: On main
                    check: { type: git, branches: main }
                """);
        assertThat(plan.criteria().get(0).check())
                .isEqualTo(new GitCheck(
                        RELEASE_BRANCHES, true, true, List.of(new GitCheck.ChangeRule("config/**", "docs/**"))));
        assertThat(plan.criteria().get(1).check()).isEqualTo(new GitCheck(List.of("main"), false, false, null));
    }

    @Test
    void badSettingsArePlanErrorsWithTheirPosition() throws Exception {
        assertThat(
                        errors(
                                """
                        criteria:
                          - id: DEP-013
                            title: Nothing to check
                            check: { type: git, clean: false }
                          - id: DEP-014
                            title: Half a rule
                            check: { type: git, changed: [{ when: "config/**" }] }
                        """))
                .containsExactly(
                        "gantry.yaml:4:12: criteria[0].check: a git check needs at least one condition: branches,"
                                + " clean: true, tagAbsent: true or changed",
                        "gantry.yaml:7:35: criteria[1].check.changed[0]: missing required key \"require\"");
    }

    @Test
    void theGitPlumbingAnswersDirectly() throws Exception {
        GitFixture repo = commitFiles(GitFixture.init(dir), "feat: start", "a.txt", "b/c.txt");
        GitRepository git = GitRepository.open(dir);
        assertThat(git.changedFiles(Optional.empty(), repo.head())).containsExactly("a.txt", "b/c.txt");
        assertThat(git.uncommittedPaths()).isEmpty();
        assertThat(git.branchesContaining(repo.head())).containsExactly("main");
    }

    private Plan load(String yaml) throws Exception {
        return PlanText.load(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        return PlanText.errors(dir, yaml);
    }
}
