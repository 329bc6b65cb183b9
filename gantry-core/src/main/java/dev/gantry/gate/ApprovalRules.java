package dev.gantry.gate;

import dev.gantry.plan.Plan;
import dev.gantry.policy.Policy;
import dev.gantry.version.ReleaseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * The effective rules: the plan's, with what the policy adds (its roles, more approvers of a role, a separate
     * approver). A plan that lacks part of the policy is refused at the gate ({@link PolicyRules#lacks}); its
     * approvals are still judged by the policy meanwhile.
     *
     * @param environment the environment released into; every environment's rules of the policy when empty
     */
    public static ApprovalRules of(Plan plan, ReleaseType type, Optional<Policy> policy, Optional<String> environment) {
        ApprovalRules own = of(plan, type);
        if (policy.isEmpty()) return own;
        String from = "policy " + policy.get().name();
        List<RequiredRole> roles = new ArrayList<>();
        Map<String, Integer> wanted = PolicyRules.approvers(policy.get(), environment, type);
        for (RequiredRole role : own.roles()) {
            int least = wanted.getOrDefault(role.role(), 0);
            roles.add(least > role.count() ? new RequiredRole(role.role(), least, from) : role);
        }
        wanted.forEach((role, count) -> {
            if (!own.requires(role)) roles.add(new RequiredRole(role, count, from));
        });
        return new ApprovalRules(
                type, roles, own.separateApprover() || policy.get().separateApprover());
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
