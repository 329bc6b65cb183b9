package dev.gantry.version;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of deciding the next version.
 *
 * @param next the version to release; empty when nothing in the range is worth a release
 * @param bump the largest bump in the range, after the 0.x policy
 * @param lastRelease the release the range starts from; empty for a first release
 * @param contributions every commit of the range, newest first
 * @param notes why the version is what it is beyond the bump (Release-As, channel numbering, hotfix)
 * @param unmatchedTags a warning: no tag follows the patterns, though the repository has other tags
 */
public record VersionDecision(
        Optional<Version> next,
        Bump bump,
        ReleaseType releaseType,
        Optional<ReleaseTag> lastRelease,
        List<Contribution> contributions,
        List<String> notes,
        Optional<UnmatchedTags> unmatchedTags) {

    public VersionDecision {
        contributions = List.copyOf(contributions);
        notes = List.copyOf(notes);
    }

    public boolean hasRelease() {
        return next.isPresent();
    }
}
