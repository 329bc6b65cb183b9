package dev.gantry.commits;

import java.util.List;
import java.util.Optional;

/**
 * What a commit message says, read by {@link CommitParser}.
 *
 * @param changes the changes, the header's first; never empty
 * @param revertedHash the commit this one reverts, from git's "This reverts commit ..." line
 * @param revertedHeader the header this one reverts, from {@code Revert "..."} or {@code revert: ...}
 * @param skipRelease the message asks to be left out of releases ({@code [skip release]})
 */
public record ParsedMessage(
        String header,
        List<Change> changes,
        List<Footer> footers,
        Optional<String> revertedHash,
        Optional<String> revertedHeader,
        boolean skipRelease) {

    public ParsedMessage {
        changes = List.copyOf(changes);
        footers = List.copyOf(footers);
    }

    public boolean isRevert() {
        return revertedHash.isPresent() || revertedHeader.isPresent();
    }

    /** Issue references from footers such as {@code Closes #123}; those in the header stay in its text. */
    public List<String> references() {
        return References.find(footers);
    }
}
