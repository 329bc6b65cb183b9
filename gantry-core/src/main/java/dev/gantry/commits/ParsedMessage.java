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
 * @param squashBullets the reading of a GitHub squash with each {@code * type: ...} line of its body as a commit of
 *     its own; empty when the message is no such squash
 */
public record ParsedMessage(
        String header,
        List<Change> changes,
        List<Footer> footers,
        Optional<String> revertedHash,
        Optional<String> revertedHeader,
        boolean skipRelease,
        Optional<ParsedMessage> squashBullets) {

    public ParsedMessage {
        changes = List.copyOf(changes);
        footers = List.copyOf(footers);
    }

    /**
     * The message as a plan reads it: with {@code squashBullets}, a squash's {@code * type: ...} lines are commits
     * of their own; without, only the title and the footers count, since on real branches those lines include
     * work in progress that the pull request later changed or undid.
     */
    public ParsedMessage reading(boolean squashBullets) {
        return squashBullets ? this.squashBullets.orElse(this) : this;
    }

    ParsedMessage withSquashBullets(ParsedMessage bullets) {
        return new ParsedMessage(
                header, changes, footers, revertedHash, revertedHeader, skipRelease, Optional.of(bullets));
    }

    public boolean isRevert() {
        return revertedHash.isPresent() || revertedHeader.isPresent();
    }

    /** Issue references from footers such as {@code Closes #123}; those in the header stay in its text. */
    public List<String> references() {
        return References.find(footers);
    }
}
