package dev.gantry.gate;

import dev.gantry.plan.Plan;
import dev.gantry.version.ReleaseType;
import java.util.List;
import java.util.Optional;

/**
 * Who must sign off a release of one type: each required role with how many different people approve as it, and
 * whether an author of the release may be one of them.
 */
public record ApprovalRules(ReleaseType type, List<RequiredRole> roles, boolean separateApprover) {

    /**
     * A role that must approve, and how many different people must approve as it.
     *
     * @param from where the requirement comes from: {@code plan}, or the policy that adds it
     */
    public record RequiredRole(String role, int count, String from) {
        public RequiredRole {
            if (count < 1) throw new IllegalArgumentException("a required role needs at least one approver");
        }
    }

    public ApprovalRules {
        roles = List.copyOf(roles);
    }

    /** The plan's own rules for a release of {@code type}. */
    public static ApprovalRules of(Plan plan, ReleaseType type) {
        return new ApprovalRules(
                type,
                plan.approvals().required(type).stream()
                        .map(role -> new RequiredRole(role, plan.approvals().count(type, role), "plan"))
                        .toList(),
                plan.approvals().separateApprover());
    }

    public List<String> names() {
        return roles.stream().map(RequiredRole::role).toList();
    }

    public Optional<RequiredRole> role(String name) {
        return roles.stream().filter(r -> r.role().equals(name)).findFirst();
    }

    public boolean requires(String name) {
        return role(name).isPresent();
    }
}
