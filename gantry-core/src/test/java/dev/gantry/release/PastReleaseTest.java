package dev.gantry.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.changelog.Entry;
import dev.gantry.git.GitRepository;
import dev.gantry.testing.GitFixture;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.TagPatterns;
import dev.gantry.version.Versioning;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A past release read back from its tag, on real git repositories built in each test. */
class PastReleaseTest {

    @TempDir
    Path dir;

    private Draft released(GitFixture repo, String tag) {
        var scope = new ReleaseScope(tag, true, new TagPatterns(Versioning.DEFAULTS.tagPattern()), List.of(), false);
        return new ReleaseHistory(GitRepository.open(repo.dir()))
                .released(Versioning.DEFAULTS, scope, tag, Optional.empty());
    }

    private GitFixture history() {
        return GitFixture.init(dir)
                .commit("feat: first")
                .tag("v1.0.0")
                .commit("fix: a")
                .tag("v1.0.1")
                .commit("feat: b")
                .commit("fix: c")
                .tag("v1.1.0")
                .commit("feat!: d")
                .tag("v2.0.0")
                .commit("fix: e");
    }

    private static List<String> descriptions(Draft draft) {
        return draft.changes().entries().stream().map(Entry::description).toList();
    }

    @Test
    void theCommitsSinceTheReleaseBeforeVersionedAsTheTag() {
        Draft draft = released(history(), "v1.1.0");
        assertThat(descriptions(draft)).containsExactly("c", "b");
        assertThat(draft.changes().title()).isEqualTo("1.1.0");
        assertThat(draft.changes().tag()).contains("v1.1.0");
        assertThat(draft.changes().previousTag()).contains("v1.0.1");
        assertThat(draft.changes().date()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(draft.decision().releaseType()).isEqualTo(ReleaseType.MINOR);
    }

    @Test
    void theTypeFollowsTheVersionsNotTheCommits() {
        var repo = history();
        assertThat(released(repo, "v1.0.1").decision().releaseType()).isEqualTo(ReleaseType.PATCH);
        assertThat(released(repo, "v2.0.0").decision().releaseType()).isEqualTo(ReleaseType.MAJOR);
        assertThat(descriptions(released(repo, "v2.0.0"))).containsExactly("d");
    }

    @Test
    void aFirstReleaseHasEveryCommitBeforeIt() {
        Draft draft = released(history(), "v1.0.0");
        assertThat(descriptions(draft)).containsExactly("first");
        assertThat(draft.changes().previousTag()).isEmpty();
        assertThat(draft.decision().releaseType()).isEqualTo(ReleaseType.MINOR);
    }

    @Test
    void onlyReleaseTagsOfTheRepository() {
        var repo = history();
        assertThatThrownBy(() -> released(repo, "main"))
                .hasMessage("\"main\" is not a release tag; expected one like v1.4.0");
        assertThatThrownBy(() -> released(repo, "v9.9.9")).hasMessageContaining("there is no tag \"v9.9.9\" in ");
    }
}
