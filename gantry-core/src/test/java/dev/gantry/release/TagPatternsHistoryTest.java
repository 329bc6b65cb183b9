package dev.gantry.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.git.GitRepository;
import dev.gantry.testing.GitFixture;
import dev.gantry.version.TagPattern;
import dev.gantry.version.TagPatterns;
import dev.gantry.version.Version;
import dev.gantry.version.VersionConflict;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component whose tag format changed keeps its versions when the plan lists both patterns. */
class TagPatternsHistoryTest {

    @TempDir
    Path dir;

    private static final TagPatterns BOTH =
            TagPatterns.of(TagPattern.parse("pkg-v{version}"), TagPattern.parse("pkg@{version}"));
    private static final TagPatterns NEW_ONLY = TagPatterns.of(TagPattern.parse("pkg-v{version}"));

    private static ReleaseHistory history(GitFixture repo) {
        return new ReleaseHistory(GitRepository.open(repo.dir()));
    }

    private static ReleaseScope scope(TagPatterns tags) {
        return new ReleaseScope("HEAD", false, tags, List.of("pkg"), false);
    }

    private static VersionDecision next(GitFixture repo, TagPatterns tags) {
        return history(repo).next(Versioning.DEFAULTS, scope(tags));
    }

    private static String version(VersionDecision decision) {
        return decision.next().map(Version::toString).orElse("none");
    }

    @Test
    void anOldPatternStillNamesTheLastReleaseAndNewTagsTakeTheFirst() {
        var repo = GitFixture.init(dir)
                .commitIn("pkg", "feat: first")
                .tag("pkg@1.2.3")
                .commitIn("pkg", "fix: retry");
        VersionDecision decision = next(repo, BOTH);
        assertThat(version(decision)).isEqualTo("1.2.4");
        assertThat(decision.lastRelease().orElseThrow().name()).isEqualTo("pkg@1.2.3");
        assertThat(decision.unmatchedTags()).isEmpty();
        var draft = history(repo)
                .draft(Versioning.DEFAULTS, scope(BOTH), LocalDate.parse("2025-03-02"))
                .orElseThrow();
        assertThat(draft.changes().tag()).contains("pkg-v1.2.4");
        assertThat(draft.changes().previousTag()).contains("pkg@1.2.3");
    }

    @Test
    void theNewestVersionAcrossAllPatternsIsTheLastRelease() {
        var repo = GitFixture.init(dir)
                .commitIn("pkg", "feat: first")
                .tag("pkg@1.2.3")
                .commitIn("pkg", "feat: second")
                .tag("pkg-v1.3.0")
                .commitIn("pkg", "feat: third, tagged the old way once more")
                .tag("pkg@1.4.0")
                .commitIn("pkg", "fix: retry");
        VersionDecision decision = next(repo, BOTH);
        assertThat(decision.lastRelease().orElseThrow().name()).isEqualTo("pkg@1.4.0");
        assertThat(version(decision)).isEqualTo("1.4.1");
        assertThat(history(repo).releases(scope(BOTH)))
                .extracting(r -> r.tag().name())
                .containsExactly("pkg@1.4.0", "pkg-v1.3.0", "pkg@1.2.3");
    }

    @Test
    void noTagOfTheComponentWhileOthersExistIsAWarningWithAnExample() {
        var repo = GitFixture.init(dir)
                .commit("chore: tooling")
                .tag("v0.9.0")
                .commitIn("pkg", "feat: first")
                .tag("pkg@1.2.3")
                .commitIn("pkg", "fix: retry");
        VersionDecision decision = next(repo, NEW_ONLY);
        assertThat(version(decision)).isEqualTo("1.0.0");
        assertThat(decision.unmatchedTags().orElseThrow().describe("pkg"))
                .isEqualTo("component pkg: no tag matches \"pkg-v{version}\", though the repository has other tags,"
                        + " such as \"pkg@1.2.3\"; if its releases were tagged another way, add that pattern to"
                        + " tagPattern");
    }

    @Test
    void noWarningWithoutTagsOrWhenATagMatchesOnAnotherBranch() {
        var repo = GitFixture.init(dir).commitIn("pkg", "feat: first");
        assertThat(next(repo, NEW_ONLY).unmatchedTags()).isEmpty();
        repo.branch("side").commitIn("pkg", "feat: elsewhere").tag("pkg-v2.0.0").checkout("main");
        assertThat(next(repo, NEW_ONLY).unmatchedTags()).isEmpty();
    }

    @Test
    void aVersionTaggedElsewhereUnderAnOldPatternIsRefused() {
        var repo = GitFixture.init(dir)
                .commitIn("pkg", "feat: first")
                .tag("pkg@1.2.3")
                .branch("side")
                .commitIn("pkg", "fix: elsewhere")
                .tag("pkg@1.2.4")
                .checkout("main")
                .commitIn("pkg", "fix: retry");
        assertThatThrownBy(() -> next(repo, BOTH))
                .isInstanceOf(VersionConflict.class)
                .hasMessageContaining("pkg@1.2.4 already tags commit");
    }
}
