package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.Required;
import java.util.List;
import java.util.Optional;

/** DEP Criteria: what must be true before the release goes into an environment, and how a machine checks it. */
@Doc("A go/no-go criterion (DEP Criteria)")
public record Criterion(
        @Required @Doc("Its DEP- id, such as DEP-002") String id,
        @Required @Doc("What it is, in a few words") String title,
        @Doc("What must be true, such as \"All TEST- entries pass with >95% success rate\"") String requirement,
        @Doc("How a machine checks it; without a check it is ticked by a person on the checklist") CheckSpec check,
        @Doc("How a person verifies it when there is no check") String verification,
        @Doc("Whether an unmet criterion stops the release (NO-GO); true by default") Boolean blocker,
        @Doc("Who verifies it: a person or a role of the plan") String owner,
        @Doc("functional, performance, security, operational or documentation") Category category,
        @Doc("The environments it applies to; every environment when absent") List<String> environments,
        @Doc("IDs it traces to: EPIC-, TEST-, API-, KPI-, RISK-, ...") List<String> links)
        implements DepEntry {

    public Criterion {
        DepEntry.checkId(id);
        blocker = blocker == null || blocker;
        environments = environments == null ? List.of() : List.copyOf(environments);
        links = DepEntry.links(links);
    }

    public boolean isBlocker() {
        return blocker;
    }

    public Optional<CheckSpec> machineCheck() {
        return Optional.ofNullable(check);
    }

    public boolean appliesTo(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }

    @Override
    public String kind() {
        return "Criteria";
    }

    @Override
    public Stage stage() {
        return Stage.PRE_DEPLOY;
    }
}
