package dev.gantry.commits;

import java.util.List;
import java.util.Optional;

/**
 * What a commit message says, read by {@link CommitParser}.
 *
 * @param changes the changes, the header's first; never empty
 * @param reverted the commits this one reverts: those a revert title names, and in the squash bullets reading
 *     those its revert bullets name
 * @param skipRelease the message asks to be left out of releases ({@code [skip release]})
 * @param squashBullets the reading of a GitHub squash with each {@code * type: ...} line of its body as a commit of
 *     its own; empty when the message is no such squash
 */
public record ParsedMessage(
        String header,
        List<Change> changes,
        List<Footer> footers,
        List<Reverted> reverted,
        boolean skipRelease,
        Optional<ParsedMessage> squashBullets) {

    public ParsedMessage {
        changes = List.copyOf(changes);
        footers = List.copyOf(footers);
        reverted = List.copyOf(reverted);
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
        return new ParsedMessage(header, changes, footers, reverted, skipRelease, Optional.of(bullets));
    }

    /** The title is a revert ({@code Revert "..."} or {@code revert: ...}); a line in the body does not make one. */
    public boolean isRevert() {
        return changes.get(0).hasType("revert");
    }

    /** Issue references from footers such as {@code Closes #123}; those in the header stay in its text. */
    public List<String> references() {
        return References.find(footers);
    }
}
