package dev.gantry.release;

import dev.gantry.changelog.ReleaseChanges;
import dev.gantry.version.VersionDecision;

/** A release not made yet: the version decided for it and the changes it brings. */
public record Draft(VersionDecision decision, ReleaseChanges changes) {}
