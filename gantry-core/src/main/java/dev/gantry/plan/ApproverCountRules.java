package dev.gantry.plan;

import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanError;
import dev.gantry.version.ReleaseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An approver count asks for at least one person, of a role the release type requires, and for no more people
 * than the plan has holding the role: a count nobody can meet would hold every release of that type forever.
 */
final class ApproverCountRules {

    private ApproverCountRules() {}

    static List<PlanError> check(Bound<Plan> bound) {
        Plan plan = bound.value();
        Approvals approvals = plan.approvals();
        ApproverCounts counts = approvals.counts();
        List<PlanError> errors = new ArrayList<>();
        for (ReleaseType type : ReleaseType.values()) {
            for (Map.Entry<String, Integer> entry : counts.of(type).entrySet()) {
                String role = entry.getKey();
                int count = entry.getValue();
                String problem;
                if (count < 1) {
                    problem = "expected a number of approvers of at least 1, got " + count;
                } else if (!approvals.required(type).contains(role)) {
                    problem = "a " + type.label() + " release does not require " + role + "; it requires "
                            + String.join(", ", approvals.required(type)) + " (approvals." + type.label() + ")";
                } else {
                    List<String> holders = plan.people().stream()
                            .filter(p -> p.holds(role))
                            .map(Person::name)
                            .toList();
                    problem = count > 1 && count > holders.size()
                            ? role + " needs " + count + " approvers but "
                                    + (holders.isEmpty()
                                            ? "nobody in people holds it"
                                            : "only " + holders.size() + " in people hold it ("
                                                    + String.join(", ", holders) + ")")
                            : null;
                }
                if (problem != null) {
                    String path = bound.positions().pathOf(counts);
                    errors.add(new PlanError(
                            bound.positions().of(counts, type.label()),
                            (path.isEmpty() ? "approvals.counts" : path) + "." + type.label() + "." + role,
                            problem));
                }
            }
        }
        return errors;
    }
}
