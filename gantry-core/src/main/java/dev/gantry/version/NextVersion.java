package dev.gantry.version;

import dev.gantry.commits.Commit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decides the next version from the commits since the last release. Pure: no git, no clock. */
public final class NextVersion {

    /**
     * @param commits the range since the last stable release, newest first
     * @param lastStable the last stable release reachable from the commit being released
     * @param taggedVersions every version already tagged with this pattern, on any branch
     * @param alreadyOnChannel commits of the range that a reachable pre-release of the channel already holds
     * @param hotfix the release is cut from a hotfix branch or declared a hotfix
     * @param unmatchedTags no tag of the repository follows the patterns, though other tags exist
     */
    public record Input(
            List<Commit> commits,
            Optional<ReleaseTag> lastStable,
            Set<Version> taggedVersions,
            Set<String> alreadyOnChannel,
            boolean hotfix,
            Optional<UnmatchedTags> unmatchedTags) {}

    private NextVersion() {}

    public static VersionDecision decide(Input in, Versioning policy) {
        List<Contribution> contributions = Contributions.of(in.commits(), policy);
        List<String> notes = new ArrayList<>();
        Bump bump = contributions.stream().map(Contribution::bump).reduce(Bump.NONE, Bump::max);
        Optional<Version> base = in.lastStable().map(ReleaseTag::version);
        Bump effective = base.map(v -> policy.zeroMajor().apply(v, bump)).orElse(bump);
        if (effective != bump) {
            notes.add("below 1.0.0 with zeroMajor: shift, so " + bump.label() + " moves the " + effective.label());
        }
        Optional<Version> forced = releaseAs(contributions, notes);
        if (forced.isPresent() && base.isPresent()) {
            if (forced.get().compareTo(base.get()) <= 0) {
                throw new VersionConflict("Release-As: " + forced.get() + " is not above the last release "
                        + in.lastStable().get().name());
            }
            effective = distance(base.get(), forced.get());
        }
        ReleaseType type = ReleaseType.of(effective, in.hotfix());

        boolean worthy = forced.isPresent() || bump != Bump.NONE;
        if (worthy && policy.channel() != null && allAlreadyOnChannel(contributions, in.alreadyOnChannel())) {
            notes.add("every release-worthy commit is already in a " + policy.channel() + " pre-release");
            worthy = false;
        }
        if (!worthy) {
            return new VersionDecision(
                    Optional.empty(), effective, type, in.lastStable(), contributions, notes, in.unmatchedTags());
        }

        Version core;
        if (forced.isPresent()) {
            core = forced.get().core();
        } else if (base.isEmpty()) {
            core = policy.initialVersion();
            notes.add("no release tag matching " + policy.tags() + " yet: first release is " + core);
        } else {
            core = base.get().bump(effective);
        }
        Version next = policy.channel() == null ? core : onChannel(core, policy.channel(), in.taggedVersions(), notes);
        if (in.hotfix() && type != ReleaseType.HOTFIX) {
            notes.add("not a hotfix: the range holds a " + effective.label() + " change");
        }
        return new VersionDecision(
                Optional.of(next), effective, type, in.lastStable(), contributions, notes, in.unmatchedTags());
    }

    /** The bump that leads from {@code from} to {@code to}, for the release type of a forced version. */
    private static Bump distance(Version from, Version to) {
        if (from.major() != to.major()) return Bump.MAJOR;
        return from.minor() != to.minor() ? Bump.MINOR : Bump.PATCH;
    }

    private static Optional<Version> releaseAs(List<Contribution> newestFirst, List<String> notes) {
        for (Contribution contribution : newestFirst) {
            Commit commit = contribution.commit();
            if (commit.message().skipRelease() || contribution.reverted()) continue;
            Optional<Version> forced = ReleaseAs.of(commit.message());
            if (forced.isPresent()) {
                notes.add("Release-As: " + forced.get() + " in " + commit.shortHash() + " forces the version");
                return forced;
            }
        }
        return Optional.empty();
    }

    private static boolean allAlreadyOnChannel(List<Contribution> contributions, Set<String> alreadyOnChannel) {
        return contributions.stream()
                .filter(c -> c.bump() != Bump.NONE
                        || ReleaseAs.of(c.commit().message()).isPresent())
                .allMatch(c -> alreadyOnChannel.contains(c.commit().hash()));
    }

    /** Numbers pre-releases like semantic-release: {@code 1.4.0-beta.1}, then {@code -beta.2}, ... */
    private static Version onChannel(Version core, String channel, Set<Version> tagged, List<String> notes) {
        long highest = 0;
        for (Version v : tagged) {
            if (!v.core().equals(core)
                    || v.preRelease().size() != 2
                    || !v.preRelease().get(0).equals(channel)) {
                continue;
            }
            String number = v.preRelease().get(1);
            if (number.matches("\\d{1,18}")) highest = Math.max(highest, Long.parseLong(number));
        }
        if (highest > 0) notes.add(core + "-" + channel + "." + highest + " is already tagged");
        return core.withPreRelease(List.of(channel, Long.toString(highest + 1)));
    }
}
