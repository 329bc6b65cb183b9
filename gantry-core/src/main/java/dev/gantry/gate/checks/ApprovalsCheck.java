package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.gate.ApprovalRules;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Signoff;
import dev.gantry.gate.Signoff.Cancelled;
import dev.gantry.gate.Signoff.RoleStatus;
import dev.gantry.plan.PlanHash;
import dev.gantry.store.Approval;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every role the release type requires has approved this exact commit under this exact plan ({@code gantry
 * approve}), by as many people as the role needs.
 */
@Doc("Every role the release type requires has approved the release commit")
public record ApprovalsCheck() implements Check {

    @Override
    public CheckResult evaluate(CheckContext context) {
        List<RoleStatus> roles;
        List<Cancelled> cancelled;
        try {
            String version = context.version().toString();
            List<Approval> approvals = context.log().approvals(version);
            String planHash = PlanHash.of(context.plan());
            roles = Signoff.status(
                    context.plan(),
                    ApprovalRules.of(
                            context.plan(),
                            context.releaseType(),
                            context.policy(),
                            Optional.of(context.environment())),
                    context.commit(),
                    planHash,
                    approvals,
                    Signoff.authors(context.git(), context.log(), version, context.commit(), context.previousTag()));
            cancelled = Signoff.cancelled(context.commit(), planHash, approvals);
        } catch (StoreException e) {
            return CheckResult.error("cannot read approvals: " + e.getMessage());
        }
        if (roles.isEmpty())
            return CheckResult.met("a " + context.releaseType().label() + " release needs no approval");
        List<String> parts = new ArrayList<>();
        List<String> details = new ArrayList<>();
        int missing = 0;
        for (RoleStatus role : roles) {
            String by = String.join(
                    ", ", role.approvals().stream().map(Approval::person).toList());
            if (role.given()) {
                parts.add((role.needed() == 1 ? role.role() : role.progress()) + ": " + by);
            } else {
                missing++;
                parts.add((role.needed() == 1 ? role.role() : role.progress()) + ": "
                        + (by.isEmpty() ? "missing" : by + ", more missing"));
                details.add("gantry approve --role " + role.role() + " --as "
                        + (role.holders().isEmpty()
                                ? "NAME (" + Signoff.nobody(role) + ")"
                                : "\"" + String.join("\" or \"", role.holders()) + "\""));
            }
        }
        for (Cancelled c : cancelled) {
            details.add(
                    "cancelled: " + c.approval().role() + " by " + c.approval().person() + ": " + c.reason());
        }
        String evidence =
                String.join("; ", parts) + " (commit " + context.commit().substring(0, 7) + ")";
        CheckResult result = missing == 0 ? CheckResult.met(evidence) : CheckResult.unmet(evidence);
        return result.withDetails(details).withFacts(Map.of("required", roles.size(), "given", roles.size() - missing));
    }

    @Override
    public String describe() {
        return "approvals of every role the release type requires, for the release commit";
    }
}
