package dev.gantry.release;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.version.VersionDecision;

/** A release, one not made yet or one recomputed from its tag: the version decided for it and the changes it brings. */
public record Draft(VersionDecision decision, ReleaseChanges changes) {}
