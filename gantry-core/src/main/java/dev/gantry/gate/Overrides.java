package dev.gantry.gate;

import dev.gantry.plan.Criterion;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a request to override criteria into overrides, refusing people who may not give them. */
public final class Overrides {

    private static final String APPROVALS = "approvals";

    private Overrides() {}

    /** The overrides recorded for the release's commit, as the gate takes them. */
    public static List<GateOverride> recorded(List<dev.gantry.store.ReleaseLog.RecordedOverride> recorded) {
        return recorded.stream()
                .map(o -> new GateOverride(o.criterion(), o.person(), o.role(), o.reason(), o.at()))
                .toList();
    }

    /**
     * The overrides of {@code criteria} by {@code person}, with the overriding role they hold.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown criterion, a person not in the plan, a
     *     person without an overriding role, a missing reason
     */
    public static List<GateOverride> of(
            Plan plan, String environment, List<String> criteria, String person, String reason, Instant at) {
        return of(plan, environment, criteria, person, reason, at, new Authors(java.util.Set.of(), java.util.Set.of()));
    }

    /**
     * As {@link #of(Plan, String, List, String, String, Instant)}, and refuses an author of the release who would
     * override its approvals: nobody signs off their own work by overriding the sign-off.
     */
    public static List<GateOverride> of(
            Plan plan,
            String environment,
            List<String> criteria,
            String person,
            String reason,
            Instant at,
            Authors authors) {
        if (criteria.isEmpty()) return List.of();
        if (person == null || person.isBlank()) {
            throw new IllegalArgumentException("--override needs --as NAME: who overrides");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--override needs --reason \"...\": why the release may go on");
        }
        Person who = plan.person(person)
                .orElseThrow(() -> new IllegalArgumentException(
                        "\"" + person + "\" is not in the plan's people; " + "add them with the role they hold"));
        List<String> allowed = plan.approvals().override();
        Optional<String> role = allowed.stream().filter(who::holds).findFirst();
        if (role.isEmpty()) {
            throw new IllegalArgumentException(
                    person + " holds " + (who.roles().isEmpty() ? "no role" : String.join(", ", who.roles()))
                            + "; overriding needs one of: " + String.join(", ", allowed));
        }
        List<GateOverride> overrides = new ArrayList<>();
        for (String id : criteria) {
            Criterion criterion = plan.criteria().stream()
                    .filter(c -> c.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no criterion " + id + " in the plan"));
            if (!criterion.appliesTo(environment)) {
                throw new IllegalArgumentException(id + " does not apply to " + environment);
            }
            boolean approvals = criterion
                    .machineCheck()
                    .map(Checks.typeName())
                    .filter(APPROVALS::equals)
                    .isPresent();
            if (approvals && authors.includes(who)) {
                throw new IllegalArgumentException(who.name() + " wrote commits of this release and may not override"
                        + " its approvals (" + id + "): another person with an overriding role must");
            }
            overrides.add(new GateOverride(id, person, role.get(), reason, at));
        }
        return overrides;
    }
}
