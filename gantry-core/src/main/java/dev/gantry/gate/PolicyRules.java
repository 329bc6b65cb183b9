package dev.gantry.gate;

import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.Plan;
import dev.gantry.policy.Policy;
import dev.gantry.policy.PolicyRule;
import dev.gantry.version.ReleaseType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a server policy asks of one release, and what a plan lacks of it: a plan may add to the policy, never weaken
 * it.
 */
public final class PolicyRules {

    private PolicyRules() {}

    /**
     * The roles the policy wants to approve a release of {@code type} into {@code environment}, with the most
     * approvers any of its rules asks; every environment's rules when the environment is not known yet.
     */
    public static Map<String, Integer> approvers(Policy policy, Optional<String> environment, ReleaseType type) {
        Map<String, Integer> roles = new LinkedHashMap<>();
        for (PolicyRule rule : policy.rules()) {
            if (!rule.covers(environment, type)) continue;
            for (String role : rule.approvers()) roles.merge(role, rule.count(role), Math::max);
        }
        return roles;
    }

    /** The criteria (by id or check type) the policy wants as blockers of a release of {@code type} into it. */
    public static Set<String> blockers(Policy policy, String environment, ReleaseType type) {
        Set<String> blockers = new LinkedHashSet<>();
        for (PolicyRule rule : policy.rules()) {
            if (rule.covers(Optional.of(environment), type)) blockers.addAll(rule.blockers());
        }
        return blockers;
    }

    /**
     * What the plan lacks of the policy for a release of {@code type} into {@code environment}, one line each; empty
     * when the plan asks at least as much.
     *
     * @param typeNames the check type of a criterion's check, as {@code type:} names it in the plan
     */
    public static List<String> lacks(
            Plan plan, Policy policy, String environment, ReleaseType type, Function<CheckSpec, String> typeNames) {
        List<String> lacks = new ArrayList<>();
        List<String> planRoles = plan.approvals().required(type);
        approvers(policy, Optional.of(environment), type).forEach((role, count) -> {
            if (!planRoles.contains(role)) {
                lacks.add("approvals." + type.label() + " lacks " + role);
            } else if (plan.approvals().count(type, role) < count) {
                lacks.add("approvals.counts." + type.label() + "." + role + " is "
                        + plan.approvals().count(type, role) + "; the policy asks for " + count);
            }
        });
        if (policy.separateApprover() && !plan.approvals().separateApprover()) {
            lacks.add("approvals.separateApprover is off; the policy has it on");
        }
        for (String blocker : blockers(policy, environment, type)) {
            List<Criterion> named = plan.criteria().stream()
                    .filter(c -> c.appliesTo(environment))
                    .filter(c -> blocker.equals(c.id())
                            || c.machineCheck()
                                    .map(typeNames)
                                    .filter(blocker::equals)
                                    .isPresent())
                    .toList();
            if (named.isEmpty()) {
                lacks.add("criteria lack " + blocker + " for " + environment);
            } else if (named.stream().noneMatch(Criterion::isBlocker)) {
                lacks.add(blocker + " is not a blocker for " + environment + " ("
                        + String.join(", ", named.stream().map(Criterion::id).toList()) + ")");
            }
        }
        return lacks;
    }

    /** The message of a gate or a release refused because the plan weakens the policy. */
    public static String refusal(Policy policy, List<String> lacks) {
        return "the plan weakens the server policy \"" + policy.name() + "\": " + String.join("; ", lacks);
    }
}
