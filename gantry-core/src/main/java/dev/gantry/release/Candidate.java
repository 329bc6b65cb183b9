package dev.gantry.release;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.version.Bump;
import dev.gantry.version.ReleaseTag;
import dev.gantry.version.ReleaseType;
import dev.gantry.version.Version;
import dev.gantry.version.VersionConflict;
import dev.gantry.version.VersionDecision;
import dev.gantry.version.Versioning;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The release being planned, gated or approved: its version and type (decided from the commits unless given),
 * the commit, its tag, and the changes since the release before.
 */
public record Candidate(
        Version version,
        ReleaseType type,
        String commit,
        String tag,
        Optional<String> previousTag,
        boolean breaking,
        ReleaseChanges changes) {

    /**
     * The release at {@code scope.ref()}: the next version, or the release the commit is already tagged with (a
     * version released to staging is gated again for production). Empty when there is nothing to release.
     */
    public static Optional<Candidate> of(
            ReleaseHistory history, Versioning policy, ReleaseScope scope, Optional<Version> given, LocalDate date) {
        String commit = history.repository().resolve(scope.ref());
        VersionDecision next = history.next(policy, scope);
        VersionDecision decision = next.next().isPresent()
                ? next
                : taggedHere(history, policy, scope, commit).orElse(next);
        if (given.isEmpty() && decision.next().isEmpty()) return Optional.empty();
        Version version = given.orElseGet(() -> decision.next().get());
        ReleaseType type = decision.next().filter(version::equals).isPresent()
                ? decision.releaseType()
                : typeOf(version, decision, scope.hotfix());
        String tag = scope.tags().format(version);
        history.repository().tagCommit(tag).filter(c -> !c.equals(commit)).ifPresent(c -> {
            throw new VersionConflict(tag + " already tags commit " + c.substring(0, 7) + ", not the release commit "
                    + commit.substring(0, 7));
        });
        ReleaseChanges changes = ReleaseChanges.of(
                version.toString(),
                date,
                decision.lastRelease().map(ReleaseTag::name),
                Optional.of(tag),
                decision.contributions());
        boolean breaking = !changes.breaking().isEmpty();
        return Optional.of(new Candidate(
                version, type, commit, tag, decision.lastRelease().map(ReleaseTag::name), breaking, changes));
    }

    /** The release {@code commit} is already tagged with, decided again as if it were being made now. */
    private static Optional<VersionDecision> taggedHere(
            ReleaseHistory history, Versioning policy, ReleaseScope scope, String commit) {
        VersionDecision again =
                history.next(policy, new ReleaseScope(scope.ref(), true, scope.tags(), scope.paths(), scope.hotfix()));
        boolean tagIsHere = again.next()
                .flatMap(v -> history.repository().tagCommit(scope.tags().format(v)))
                .filter(commit::equals)
                .isPresent();
        return tagIsHere ? Optional.of(again) : Optional.empty();
    }

    /** The type of a version given by hand, from how it differs from the last release. */
    private static ReleaseType typeOf(Version version, VersionDecision decision, boolean hotfix) {
        Optional<Version> last = decision.lastRelease().map(ReleaseTag::version);
        if (last.isPresent() && version.compareTo(last.get()) <= 0) {
            throw new IllegalArgumentException("version " + version + " is not above the last release " + last.get());
        }
        Bump bump = last.isEmpty() || version.major() != last.get().major()
                ? Bump.MAJOR
                : version.minor() != last.get().minor() ? Bump.MINOR : Bump.PATCH;
        return ReleaseType.of(bump, hotfix || decision.releaseType() == ReleaseType.HOTFIX);
    }
}
