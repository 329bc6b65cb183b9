package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.Required;
import java.util.List;

/** DEP Validation: a smoke test after the deploy, with what counts as success and what happens on failure. */
@Doc("A post-deploy validation (DEP Validation)")
public record Validation(
        @Required @Doc("Its DEP- id, such as DEP-004") String id,
        @Required @Doc("What it verifies, in a few words") String title,
        @Doc("The check run after the deploy (http or command are the usual ones)") CheckSpec check,
        @Doc("automated, manual or both; automated when there is a check") Method method,
        @Doc("What success looks like, such as \"all journeys complete in under 2 seconds\"") String successCriteria,
        @Doc("What a failure leads to: rollback (default), pause or notify") Escalation escalation,
        @Doc("Who owns it: a person or a role of the plan") String owner,
        @Doc("The environments it runs in; every environment when absent") List<String> environments,
        @Doc("IDs it traces to: UJ-, TEST-, ...") List<String> links)
        implements DepEntry {

    public Validation {
        DepEntry.checkId(id);
        method = method != null ? method : check != null ? Method.AUTOMATED : Method.MANUAL;
        escalation = escalation == null ? Escalation.ROLLBACK : escalation;
        environments = environments == null ? List.of() : List.copyOf(environments);
        links = DepEntry.links(links);
    }

    @Override
    public String kind() {
        return "Validation";
    }

    @Override
    public Stage stage() {
        return Stage.POST_DEPLOY;
    }
}
