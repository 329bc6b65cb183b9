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

/** Only a revert title makes a revert, and it cancels only the commits it names. */
class RevertHistoryTest {

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

    private static List<String> kinds(VersionDecision decision) {
        return decision.contributions().stream()
                .map(c -> c.kind().name().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    @Test
    void aRevertLineInASquashWithAnotherTitleKeepsItsFix() {
        var repo = GitFixture.init(dir).commit("fix: first").tag("v1.3.0").commit("feat: search");
        String search = repo.head();
        repo.commit("fix: retry on 503 (#40)\n\n* Revert \"feat: search\"\n\nThis reverts commit " + search
                + ".\n\n* fix: retry on 503");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(kinds(decision)).containsExactly("fix", "feat");
        assertThat(version(decision)).isEqualTo("1.4.0");
    }

    @Test
    void withSquashBulletsARevertBulletCancelsTheCommitItNamesAndTheFixStays() {
        var repo = GitFixture.init(dir).commit("fix: first").tag("v1.3.0").commit("feat: search");
        String search = repo.head();
        repo.commit("fix: retry on 503 (#40)\n\n* Revert \"feat: search\"\n\nThis reverts commit " + search
                + ".\n\n* fix: retry on 503");
        VersionDecision decision = next(repo, BULLETS);
        assertThat(kinds(decision)).containsExactly("fix", "reverted");
        assertThat(decision.contributions().get(1).reason())
                .isEqualTo("reverted by "
                        + decision.contributions().get(0).commit().shortHash());
        assertThat(version(decision)).isEqualTo("1.3.1");
    }

    @Test
    void aSquashedRevertCancelsTheCommitItNamesAndItself() {
        var repo = GitFixture.init(dir).commit("fix: first").tag("v1.3.0").commit("feat: search");
        String search = repo.head();
        repo.commit("fix: typo").commit("Revert \"feat: search\" (#44)\n\nThis reverts commit " + search + ".");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(kinds(decision)).containsExactly("reverted", "fix", "reverted");
        assertThat(version(decision)).isEqualTo("1.3.1");
    }

    @Test
    void aRevertCancelsOnlyTheCommitsItNames() {
        var repo = GitFixture.init(dir).commit("fix: first").tag("v1.3.0").commit("feat: search");
        String search = repo.head();
        repo.commit("fix: slow search");
        String slow = repo.head();
        repo.commit("feat: export")
                .commit("Revert \"search\"\n\nThis reverts commit " + slow + ".\nThis reverts commit " + search + ".");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(kinds(decision)).containsExactly("reverted", "feat", "reverted", "reverted");
        assertThat(decision.contributions().get(0).reason())
                .startsWith("reverts ")
                .endsWith(" of the same range");
        assertThat(version(decision)).isEqualTo("1.4.0");
    }

    @Test
    void aRevertOfTwoCommitsOneOfThemReleasedIsAPatch() {
        var repo = GitFixture.init(dir).commit("feat: search");
        String search = repo.head();
        repo.tag("v1.3.0").commit("feat: export");
        String export = repo.head();
        repo.commit("Revert \"both\"\n\nThis reverts commit " + export + ".\nThis reverts commit " + search + ".");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(kinds(decision)).containsExactly("fix", "reverted");
        assertThat(decision.contributions().get(0))
                .extracting(Contribution::reason)
                .isEqualTo("revert (a reverted commit is not in this range)");
        assertThat(version(decision)).isEqualTo("1.3.1");
    }

    @Test
    void aConventionalRevertNamesItsCommitsInARefsFooter() {
        var repo = GitFixture.init(dir).commit("fix: first").tag("v1.3.0").commit("feat: search");
        String search = repo.head();
        repo.commit("fix: typo").commit("revert: search is not ready\n\nRefs: " + search.substring(0, 7));
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(kinds(decision)).containsExactly("reverted", "fix", "reverted");
        assertThat(version(decision)).isEqualTo("1.3.1");
    }
}
