package dev.gantry.store;

import java.time.Instant;

/**
 * A sign-off of one role for one exact commit of a release, under one plan.
 *
 * @param planHash the hash of the plan it was given under ({@code dev.gantry.plan.PlanHash}); null for an approval
 *     recorded before approvals kept it, which counts for no plan
 */
public record Approval(
        String version, String commit, String role, String person, String comment, Instant at, String planHash) {

    /** An approval recorded without the plan's hash, as approvals were before they kept it. */
    public Approval(String version, String commit, String role, String person, String comment, Instant at) {
        this(version, commit, role, person, comment, at, null);
    }
}
