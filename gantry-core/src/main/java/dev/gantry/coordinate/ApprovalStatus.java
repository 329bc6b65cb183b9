package dev.gantry.coordinate;

import dev.gantry.gate.Signoff.RoleStatus;
import dev.gantry.version.ReleaseType;
import java.util.List;

/**
 * The approvals a release needs, given and missing: what {@code gantry approvals} shows and the server answers.
 *
 * @param otherCommits how many approvals of the version were given for other commits, which do not count
 */
public record ApprovalStatus(
        String version, ReleaseType type, String commit, List<RoleStatus> roles, long otherCommits) {

    public ApprovalStatus {
        roles = List.copyOf(roles);
    }

    /** Whether every required role is filled. */
    public boolean complete() {
        return roles.stream().allMatch(RoleStatus::given);
    }
}
