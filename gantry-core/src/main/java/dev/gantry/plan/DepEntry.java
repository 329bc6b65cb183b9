package dev.gantry.plan;

import dev.gantry.binding.InvalidValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One operational contract item of the release plan: an environment, a criterion, a rollback trigger, a
 * validation or a step. Each has a DEP- id, an owner and the IDs it traces to (EPIC-, TEST-, API-, ...).
 */
public sealed interface DepEntry permits Environment, Criterion, RollbackTrigger, Validation, Step {

    Pattern ID = Pattern.compile("DEP-\\d{3,}");

    /** The prefixes a linked ID may carry; any other is still kept, and {@code plan check} notes it. */
    List<String> LINK_PREFIXES = List.of(
            "EPIC-", "TEST-", "API-", "KPI-", "RISK-", "UJ-", "MON-", "RUN-", "ENV-", "ARC-", "TECH-", "REQ-", "BUG-",
            "DEP-");

    String id();

    String title();

    String owner();

    List<String> links();

    /** Environment, Criteria, Rollback, Validation or Step, as the DEP- template names the type. */
    String kind();

    Stage stage();

    /** The id when given; the check in the compact constructors keeps it to DEP-NNN. */
    static String checkId(String id) {
        if (id != null && !ID.matcher(id).matches()) {
            throw new InvalidValue("id", "expected an id like DEP-001, got \"" + id + "\"");
        }
        return id;
    }

    static List<String> links(List<String> links) {
        return links == null ? List.of() : List.copyOf(links);
    }
}
