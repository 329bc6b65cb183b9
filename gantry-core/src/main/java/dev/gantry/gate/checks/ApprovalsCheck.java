package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.gate.Signoff;
import dev.gantry.gate.Signoff.RoleStatus;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every role the release type requires has approved this exact commit ({@code gantry approve}). */
@Doc("Every role the release type requires has approved the release commit")
public record ApprovalsCheck() implements Check {

    @Override
    public CheckResult evaluate(CheckContext context) {
        List<RoleStatus> roles;
        try {
            String version = context.version().toString();
            roles = Signoff.status(
                    context.plan(),
                    context.releaseType(),
                    context.commit(),
                    context.log().approvals(version),
                    Signoff.authors(context.git(), context.log(), version, context.commit(), context.previousTag()));
        } catch (StoreException e) {
            return CheckResult.error("cannot read approvals: " + e.getMessage());
        }
        if (roles.isEmpty())
            return CheckResult.met("a " + context.releaseType().label() + " release needs no approval");
        List<String> parts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RoleStatus role : roles) {
            if (role.given()) {
                parts.add(role.role() + ": " + role.approval().get().person());
            } else {
                parts.add(role.role() + ": missing");
                missing.add("gantry approve --role " + role.role() + " --as "
                        + (role.holders().isEmpty()
                                ? "NAME (nobody in people can give it)"
                                : "\"" + String.join("\" or \"", role.holders()) + "\""));
            }
        }
        String evidence =
                String.join("; ", parts) + " (commit " + context.commit().substring(0, 7) + ")";
        CheckResult result = missing.isEmpty() ? CheckResult.met(evidence) : CheckResult.unmet(evidence);
        return result.withDetails(missing)
                .withFacts(Map.of("required", roles.size(), "given", roles.size() - missing.size()));
    }

    @Override
    public String describe() {
        return "approvals of every role the release type requires, for the release commit";
    }
}
