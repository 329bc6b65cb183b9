package dev.gantry.policy;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.NameCharacters;
import dev.gantry.version.ReleaseType;
import java.util.List;
import java.util.Map;

/** What a policy asks of releases of some types into some environments. */
@Doc("What the policy asks of releases of some types into some environments")
public record PolicyRule(
        @Doc("The environments the rule covers; every environment when absent") List<String> environments,
        @Doc("The release types the rule covers (hotfix, patch, minor, major); every type when absent")
                List<ReleaseType> types,
        @Doc("Roles that must approve such a release") List<String> approvers,
        @Doc("How many different people must approve as a role, where more than one: {qa: 2}")
                Map<String, Integer> counts,
        @Doc("Criteria the plan must have as blockers for the environment: a criterion's id (DEP-002) or a check"
                        + " type (junit)")
                List<String> blockers) {

    public PolicyRule {
        environments = environments == null ? List.of() : List.copyOf(environments);
        types = types == null ? List.of() : List.copyOf(types);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
        plainNames("environments", environments);
        plainNames("approvers", approvers);
        plainNames("counts", List.copyOf(new java.util.TreeSet<>(counts.keySet())));
        plainNames("blockers", blockers);
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (count.getValue() < 1) {
                throw new InvalidValue(
                        "counts",
                        count.getKey() + ": expected a number of approvers of at least 1, got " + count.getValue());
            }
            if (!approvers.contains(count.getKey())) {
                throw new InvalidValue(
                        "counts",
                        count.getKey() + " is not among the rule's approvers ("
                                + (approvers.isEmpty() ? "none" : String.join(", ", approvers)) + ")");
            }
        }
    }

    /** Names shown to people in refusals and lists: nothing in them may hide or reorder what they show. */
    private static void plainNames(String key, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            int item = i + 1;
            NameCharacters.refusal(names.get(i)).ifPresent(refusal -> {
                throw new InvalidValue(
                        key, "item " + item + " takes no control, bidi or invisible formatting characters; " + refusal);
            });
        }
    }

    /** Whether the rule covers a release of {@code type} into {@code environment}; any environment when empty. */
    public boolean covers(java.util.Optional<String> environment, ReleaseType type) {
        return (types.isEmpty() || types.contains(type))
                && (environment.isEmpty() || environments.isEmpty() || environments.contains(environment.get()));
    }

    public int count(String role) {
        return counts.getOrDefault(role, 1);
    }
}
