package dev.gantry.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.git.GitRepository;
import dev.gantry.testing.GitFixture;
import dev.gantry.version.Bump;
import dev.gantry.version.Contribution;
import dev.gantry.version.ReleaseRule;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.TagPattern;
import dev.gantry.version.TagPatterns;
import dev.gantry.version.Version;
import dev.gantry.version.VersionConflict;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
import dev.gantry.version.ZeroMajor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The next version, decided on real git repositories built in each test. */
class ReleaseHistoryTest {

    @TempDir
    Path dir;

    private static VersionDecision next(GitFixture repo, Versioning policy) {
        return next(repo, policy, "HEAD", false);
    }

    private static VersionDecision next(GitFixture repo, Versioning policy, String ref, boolean recompute) {
        var scope = new ReleaseScope(ref, recompute, policy.tags(), List.of(), false);
        return new ReleaseHistory(GitRepository.open(repo.dir())).next(policy, scope);
    }

    private static String version(VersionDecision decision) {
        return decision.next().map(Version::toString).orElse("none");
    }

    @Test
    void featAfterTagBumpsMinor() {
        var repo =
                GitFixture.init(dir).commit("fix: retry on 503").tag("v1.3.0").commit("feat(api): search by tag");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("1.4.0");
        assertThat(decision.releaseType()).isEqualTo(ReleaseType.MINOR);
        assertThat(decision.lastRelease().orElseThrow().name()).isEqualTo("v1.3.0");
    }

    @Test
    void defaultRules() {
        assertThat(version(next(
                        GitFixture.init(dir.resolve("a"))
                                .commit("x")
                                .tag("v1.0.0")
                                .commit("perf: faster"),
                        Versioning.DEFAULTS)))
                .isEqualTo("1.0.1");
        assertThat(version(next(
                        GitFixture.init(dir.resolve("b"))
                                .commit("x")
                                .tag("v1.0.0")
                                .commit("refactor!: api"),
                        Versioning.DEFAULTS)))
                .isEqualTo("2.0.0");
        assertThat(version(next(
                        GitFixture.init(dir.resolve("c"))
                                .commit("x")
                                .tag("v1.0.0")
                                .commit("docs: readme"),
                        Versioning.DEFAULTS)))
                .isEqualTo("none");
    }

    @Test
    void firstReleaseIsOneZeroZeroUnlessConfigured() {
        var repo = GitFixture.init(dir).commit("feat: start").commit("fix: typo");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.0.0");
        var policy = new Versioning(null, null, null, Version.parse("0.1.0"), null, null, false);
        assertThat(version(next(repo, policy))).isEqualTo("0.1.0");
    }

    @Test
    void lastReleaseIsTheHighestStableReachableTagNotTheNewest() {
        var repo = GitFixture.init(dir)
                .commit("feat: a")
                .tag("v2.0.0")
                .commit("fix: b")
                .tag("v1.9.9") // an out-of-order tag must not win
                .commit("fix: c");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("2.0.1");
    }

    @Test
    void tagsOnUnmergedBranchesDoNotCount() {
        var repo = GitFixture.init(dir)
                .commit("feat: a")
                .tag("v1.0.0")
                .branch("other")
                .commit("feat: elsewhere")
                .tag("v1.1.0")
                .checkout("main")
                .commit("fix: here");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.0.1");
    }

    @Test
    void preReleaseTagsMergedIntoMainDoNotCountAsTheLastStableRelease() {
        var repo = GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.3.2")
                .branch("beta")
                .commit("feat: b")
                .tag("v1.4.0-beta.1")
                .commit("fix: c")
                .tag("v1.4.0-beta.2")
                .checkout("main")
                .merge("beta", "Merge branch 'beta'");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("1.4.0");
        assertThat(decision.lastRelease().orElseThrow().name()).isEqualTo("v1.3.2");
    }

    @Test
    void channelNumbersLikeSemanticRelease() {
        var beta = Versioning.DEFAULTS.withChannel("beta");
        var repo = GitFixture.init(dir).commit("fix: a").tag("v1.3.2").commit("feat: b");
        assertThat(version(next(repo, beta))).isEqualTo("1.4.0-beta.1");
        repo.tag("v1.4.0-beta.1").commit("fix: c");
        assertThat(version(next(repo, beta))).isEqualTo("1.4.0-beta.2");
        repo.tag("v1.4.0-beta.2").commit("feat: d");
        assertThat(version(next(repo, beta))).isEqualTo("1.4.0-beta.3");
        repo.tag("v1.4.0-beta.3").commit("feat!: e");
        assertThat(version(next(repo, beta))).isEqualTo("2.0.0-beta.1");
        repo.tag("v2.0.0-beta.1");
        assertThat(version(next(repo, beta))).isEqualTo("none");
        assertThat(version(next(repo, Versioning.DEFAULTS.withChannel("rc")))).isEqualTo("2.0.0-rc.1");
    }

    @Test
    void zeroMajorPolicy() {
        var repo = GitFixture.init(dir).commit("feat: a").tag("v0.3.1").commit("feat!: b");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.0.0");
        var shift = new Versioning(null, null, ZeroMajor.SHIFT, null, null, null, false);
        assertThat(version(next(repo, shift))).isEqualTo("0.4.0");
        repo.tag("v0.4.0").commit("feat: c");
        assertThat(version(next(repo, shift))).isEqualTo("0.4.1");
    }

    @Test
    void customRulesAddToDefaultsFirstMatchWins() {
        var policy = new Versioning(
                null,
                List.of(
                        new ReleaseRule("build", null, null, Bump.PATCH),
                        new ReleaseRule("docs", "readme.md", null, Bump.PATCH),
                        new ReleaseRule("chore", "deps", null, Bump.NONE),
                        new ReleaseRule("chore", "*", null, Bump.MINOR)),
                null,
                null,
                null,
                null,
                false);
        var repo = GitFixture.init(dir).commit("x").tag("v1.0.0").commit("build: new jdk");
        assertThat(version(next(repo, policy))).isEqualTo("1.0.1");
        repo.tag("v1.0.1").commit("docs(README.md): typo");
        assertThat(version(next(repo, policy))).isEqualTo("1.0.2");
        repo.tag("v1.0.2").commit("chore(deps): bump x");
        assertThat(version(next(repo, policy))).isEqualTo("none");
        repo.commit("feat: still minor");
        assertThat(version(next(repo, policy))).isEqualTo("1.1.0");
    }

    @Test
    void customRuleNeverHidesABreakingChangeUnlessItNamesBreaking() {
        var hiding = new Versioning(
                null, List.of(new ReleaseRule("chore", null, null, Bump.NONE)), null, null, null, null, false);
        var repo = GitFixture.init(dir).commit("x").tag("v1.0.0").commit("chore!: drop node 16");
        assertThat(version(next(repo, hiding))).isEqualTo("2.0.0");
        var naming = new Versioning(
                null, List.of(new ReleaseRule("chore", null, true, Bump.MINOR)), null, null, null, null, false);
        assertThat(version(next(repo, naming))).isEqualTo("1.1.0");
    }

    @Test
    void revertsInsideTheRangeCancelBoth() {
        var repo = GitFixture.init(dir)
                .commit("x")
                .tag("v1.0.0")
                .commit("feat: risky")
                .revertHead();
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("none");
        assertThat(decision.contributions())
                .extracting(Contribution::kind)
                .containsExactly(Contribution.Kind.REVERTED, Contribution.Kind.REVERTED);
    }

    @Test
    void revertOfARevertBringsTheChangeBack() {
        var repo = GitFixture.init(dir)
                .commit("x")
                .tag("v1.0.0")
                .commit("feat: risky")
                .revertHead()
                .revertHead();
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.1.0");
    }

    @Test
    void revertOfACommitOutsideTheRangeIsAPatch() {
        var repo = GitFixture.init(dir).commit("feat: risky").tag("v1.0.0").revertHead();
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("1.0.1");
        assertThat(decision.contributions().get(0).reason()).contains("not in this range");
    }

    @Test
    void skipReleaseLeavesTheCommitOut() {
        var repo = GitFixture.init(dir)
                .commit("x")
                .tag("v1.0.0")
                .commit("feat: hidden [skip release]")
                .commit("fix: shown");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.0.1");
    }

    @Test
    void releaseAsForcesTheVersionAndTheNewestWins() {
        var repo = GitFixture.init(dir)
                .commit("x")
                .tag("v1.0.0")
                .commit("chore: plan\n\nRelease-As: 3.0.0")
                .commit("chore: replan\n\nRelease-As: 2.5.0");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("2.5.0");
    }

    @Test
    void atRecomputesAPastReleaseIgnoringItsOwnTag() {
        var repo = GitFixture.init(dir)
                .commit("feat: a")
                .tag("v1.0.0")
                .commit("fix: b")
                .tag("v1.0.1")
                .commit("feat: c")
                .annotatedTag("v1.1.0")
                .commit("fix: d");
        assertThat(version(next(repo, Versioning.DEFAULTS, "v1.1.0", true))).isEqualTo("1.1.0");
        assertThat(version(next(repo, Versioning.DEFAULTS, "v1.0.1", true))).isEqualTo("1.0.1");
        assertThat(version(next(repo, Versioning.DEFAULTS, "v1.0.0", true))).isEqualTo("1.0.0");
    }

    @Test
    void otherTagPatterns() {
        var plain = new Versioning(List.of(TagPattern.parse("{version}")), null, null, null, null, null, false);
        var repo = GitFixture.init(dir).commit("x").tag("1.2.0").tag("v9.0.0").commit("fix: y");
        assertThat(version(next(repo, plain))).isEqualTo("1.2.1");
        var api = new Versioning(List.of(TagPattern.parse("api-v{version}")), null, null, null, null, null, false);
        repo.tag("api-v0.5.0").commit("feat: z");
        assertThat(version(next(repo, api))).isEqualTo("0.6.0");
    }

    @Test
    void hotfixBranchMakesAHotfixRelease() {
        var repo = GitFixture.init(dir)
                .commit("x")
                .tag("v1.0.0")
                .branch("hotfix/login")
                .commit("fix: login loop");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("1.0.1");
        assertThat(decision.releaseType()).isEqualTo(ReleaseType.HOTFIX);
    }

    @Test
    void componentsOnlyCountCommitsTouchingTheirPaths() {
        var repo = GitFixture.init(dir)
                .commitIn("services/api", "feat(api): first")
                .tag("api-v1.0.0")
                .commitIn("services/web", "feat(web): unrelated")
                .commitIn("services/api", "fix(api): bug");
        var scope = new ReleaseScope(
                "HEAD", false, TagPatterns.of(TagPattern.parse("api-v{version}")), List.of("services/api"), false);
        VersionDecision decision = new ReleaseHistory(GitRepository.open(repo.dir())).next(Versioning.DEFAULTS, scope);
        assertThat(version(decision)).isEqualTo("1.0.1");
        assertThat(decision.contributions()).hasSize(1);
    }

    @Test
    void releasesListEveryStableReleaseWithTheCommitsItBrought() {
        var repo = GitFixture.init(dir)
                .commit("feat: a")
                .tag("v1.0.0")
                .branch("topic")
                .commit("fix: on topic")
                .checkout("main")
                .commit("feat: on main")
                .merge("topic", "Merge branch 'topic'")
                .tag("v1.1.0")
                .commit("fix: c")
                .tag("v1.1.1-rc.1")
                .tag("v1.1.1")
                .commit("fix: unreleased");
        var scope = new ReleaseScope("HEAD", false, TagPatterns.of(TagPattern.DEFAULT), List.of(), false);
        List<Release> releases = new ReleaseHistory(GitRepository.open(repo.dir())).releases(scope);
        assertThat(releases).extracting(r -> r.tag().name()).containsExactly("v1.1.1", "v1.1.0", "v1.0.0");
        assertThat(releases.get(1).commits())
                .extracting(c -> c.message().header())
                .containsExactlyInAnyOrder("Merge branch 'topic'", "feat: on main", "fix: on topic");
        assertThat(releases.get(1).previous().orElseThrow().name()).isEqualTo("v1.0.0");
        assertThat(releases.get(0).commits()).hasSize(1);
    }

    @Test
    void aVersionAlreadyTaggedElsewhereIsRefused() {
        var repo = GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.0.1")
                .branch("hotfix/x")
                .checkout("main")
                .commit("feat: on main")
                .tag("v1.1.0")
                .checkout("hotfix/x")
                .commit("feat: sneaked in");
        assertThatThrownBy(() -> next(repo, Versioning.DEFAULTS))
                .isInstanceOf(VersionConflict.class)
                .hasMessageContaining("v1.1.0 already tags commit");
    }

    @Test
    void aPreReleaseOfAReleasedVersionIsRefused() {
        var repo = GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.3.0")
                .branch("beta")
                .commit("feat: b")
                .tag("v1.4.0-beta.1")
                .checkout("main")
                .commit("feat: b on main")
                .tag("v1.4.0")
                .checkout("beta")
                .commit("fix: c");
        assertThatThrownBy(() -> next(repo, Versioning.DEFAULTS.withChannel("beta")))
                .isInstanceOf(VersionConflict.class)
                .hasMessageContaining("v1.4.0 already tags commit");
    }

    @Test
    void recomputingAPreReleaseIgnoresLaterOnes() {
        var beta = Versioning.DEFAULTS.withChannel("beta");
        var repo = GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.3.2")
                .commit("feat: b")
                .tag("v1.4.0-beta.1")
                .commit("fix: c")
                .tag("v1.4.0-beta.2")
                .commit("fix: d")
                .tag("v1.4.0-beta.3");
        assertThat(version(next(repo, beta, "v1.4.0-beta.2", true))).isEqualTo("1.4.0-beta.2");
        repo.commit("feat: final").tag("v1.4.0");
        assertThat(version(next(repo, beta, "v1.4.0-beta.3", true))).isEqualTo("1.4.0-beta.3");
    }

    @Test
    void revertedReleaseAsIsIgnored() {
        var repo = GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.0.0")
                .commit("chore: plan\n\nRelease-As: 2.0.0")
                .revertHead()
                .commit("fix: b");
        assertThat(version(next(repo, Versioning.DEFAULTS))).isEqualTo("1.0.1");
    }

    @Test
    void releaseAsBelowTheLastReleaseIsRefused() {
        var repo = GitFixture.init(dir).commit("fix: a").tag("v2.0.0").commit("chore: x\n\nRelease-As: 1.5.0");
        assertThatThrownBy(() -> next(repo, Versioning.DEFAULTS))
                .isInstanceOf(VersionConflict.class)
                .hasMessage("Release-As: 1.5.0 is not above the last release v2.0.0");
    }

    @Test
    void releaseAsSetsTheReleaseType() {
        var repo = GitFixture.init(dir).commit("fix: a").tag("v1.2.0").commit("chore: x\n\nRelease-As: 2.0.0");
        VersionDecision decision = next(repo, Versioning.DEFAULTS);
        assertThat(version(decision)).isEqualTo("2.0.0");
        assertThat(decision.releaseType()).isEqualTo(ReleaseType.MAJOR);
    }

    @Test
    void aShallowCloneIsRefusedWithTheFix() {
        var origin = GitFixture.init(dir.resolve("origin"))
                .commit("fix: a")
                .tag("v1.0.0")
                .commit("fix: b");
        origin.git(
                "clone",
                "-q",
                "--depth",
                "1",
                "file://" + origin.dir(),
                dir.resolve("shallow").toString());
        var scope = new ReleaseScope("HEAD", false, TagPatterns.of(TagPattern.DEFAULT), List.of(), false);
        assertThatThrownBy(() ->
                        new ReleaseHistory(GitRepository.open(dir.resolve("shallow"))).next(Versioning.DEFAULTS, scope))
                .hasMessageContaining("shallow clone")
                .hasMessageContaining("git fetch --unshallow --tags");
    }

    @Test
    void atOnAnUntaggedCommitNumbersFromEveryTagOfTheChannel() {
        var beta = Versioning.DEFAULTS.withChannel("beta");
        var repo = GitFixture.init(dir)
                .commit("fix: a")
                .tag("v1.0.0")
                .commit("feat: b")
                .tag("v1.1.0-beta.1")
                .branch("side")
                .checkout("main")
                .commit("fix: c")
                .tag("v1.1.0-beta.2")
                .checkout("side")
                .commit("fix: d");
        assertThat(version(next(repo, beta, "HEAD", true))).isEqualTo("1.1.0-beta.3");
    }
}
