package dev.gantry.store;

import java.time.Instant;

/**
 * A manual checklist item marked done by a person, for one commit of a release.
 *
 * @param commit the commit it was ticked for; null for a tick recorded before ticks named their commit, which counts
 *     for no commit
 */
public record Tick(String version, String item, String person, String note, Instant at, String commit) {

    /** A tick that names no commit, as shown in a checklist. */
    public Tick(String version, String item, String person, String note, Instant at) {
        this(version, item, person, note, at, null);
    }

    /** Whether it counts for {@code commit}: a tick is of the commit it was given for, as an approval is. */
    public boolean of(String commit) {
        return this.commit != null && this.commit.equals(commit);
    }
}
