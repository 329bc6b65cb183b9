package dev.gantry.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.git.GitRepository;
import dev.gantry.testing.GitFixture;
import dev.gantry.version.Contribution;
import dev.gantry.version.Version;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions of histories shaped like real projects': GitHub squash merges, with and without squash bullets. */
class SquashHistoryTest {

    @TempDir
    Path dir;

    private static final Versioning BULLETS = new Versioning(null, null, null, null, null, null, true);

    private static VersionDecision next(GitFixture repo, Versioning policy) {
        var scope = new ReleaseScope("HEAD", false, policy.tags(), List.of(), false);
        return new ReleaseHistory(GitRepository.open(repo.dir())).next(policy, scope);
    }

    private static String version(VersionDecision decision) {
        return decision.next().map(Version::toString).orElse("none");
    }

    @Test
    void aWorkInProgressFeatListedInAFixPullRequestIsAPatch() {
        var repo = GitFixture.init(dir)
                .commit("fix: first")
                .tag("v1.3.0")
                .commit("fix: retry on 503 (#40)\n\n* feat: wip retry api\n\n* fix: retry on 503");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.3.1");
        assertThat(version(next(repo, BULLETS))).isEqualTo("1.4.0");
    }

    @Test
    void aBreakingBulletUndoneLaterInThePullRequestIsNoMajor() {
        var repo = GitFixture.init(dir)
                .commit("fix: first")
                .tag("v1.3.0")
                .commit("feat: search (#41)\n\n* feat!: drop the old search\n\n* fix: keep the old search after all");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.4.0");
        assertThat(version(next(repo, BULLETS))).isEqualTo("2.0.0");
    }

    @Test
    void aBreakingChangeFooterOfASquashStillMakesAMajor() {
        var repo = GitFixture.init(dir)
                .commit("fix: first")
                .tag("v1.3.0")
                .commit("feat: tokens (#42)\n\n* feat: new tokens\n\nBREAKING CHANGE: old tokens stop working\n\n"
                        + "* fix: typo");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("2.0.0");
        assertThat(decision.contributions()).extracting(Contribution::reason).containsExactly("breaking change");
    }

    @Test
    void theChangelogListsOnlyWhatCounted() {
        var repo = GitFixture.init(dir)
                .commit("fix: first")
                .tag("v1.3.0")
                .commit("fix: retry on 503 (#40)\n\n* feat: wip retry api\n\n* fix: retry on 503");
        var history = new ReleaseHistory(GitRepository.open(repo.dir()));
        var scope = new ReleaseScope("HEAD", false, Versioning.DEFAULTS.tags(), List.of(), false);
        var date = java.time.LocalDate.parse("2025-03-02");
        assertThat(history.draft(Versioning.DEFAULTS, scope, date)
                        .orElseThrow()
                        .changes()
                        .entries())
                .extracting(e -> e.type() + ": " + e.description())
                .containsExactly("fix: retry on 503 (#40)");
        assertThat(history.draft(BULLETS, scope, date).orElseThrow().changes().entries())
                .extracting(e -> e.type() + ": " + e.description())
                .containsExactly("fix: retry on 503 (#40)", "feat: wip retry api");
    }
}
