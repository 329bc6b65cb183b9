package dev.gantry.release;

import dev.gantry.commits.Commit;
import dev.gantry.version.ReleaseTag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A past release: its tag, the release before it, when its commit was made, and the commits it brought. */
public record Release(ReleaseTag tag, Optional<ReleaseTag> previous, Instant date, List<Commit> commits) {

    public Release {
        commits = List.copyOf(commits);
    }
}
