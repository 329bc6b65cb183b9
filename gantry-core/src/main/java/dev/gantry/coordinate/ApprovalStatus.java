package dev.gantry.coordinate;

import dev.gantry.gate.Signoff.Cancelled;
import dev.gantry.gate.Signoff.RoleStatus;
import dev.gantry.version.ReleaseType;
import java.util.List;

/**
 * The approvals a release needs, given and missing: what {@code gantry approvals} shows and the server answers.
 *
 * @param planHash the hash of the plan the approvals are judged by ({@code PlanHash})
 * @param cancelled the approvals of the version given for another commit or under another plan, which do not count
 */
public record ApprovalStatus(
        String version,
        ReleaseType type,
        String commit,
        String planHash,
        List<RoleStatus> roles,
        List<Cancelled> cancelled) {

    public ApprovalStatus {
        roles = List.copyOf(roles);
        cancelled = List.copyOf(cancelled);
    }

    /** Whether every required role is filled. */
    public boolean complete() {
        return roles.stream().allMatch(RoleStatus::given);
    }
}
