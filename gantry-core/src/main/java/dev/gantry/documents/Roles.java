package dev.gantry.documents;

import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The people behind the roles and owners the plan names. */
final class Roles {

    static final String RELEASE_MANAGER = "release-manager";

    private Roles() {}

    /** The people holding {@code role}, in the plan's order. */
    static List<String> holders(Plan plan, String role) {
        return plan.people().stream()
                .filter(p -> p.holds(role))
                .map(Person::name)
                .toList();
    }

    /** The people holding {@code role}, or "unassigned". */
    static String holdersOrUnassigned(Plan plan, String role) {
        List<String> holders = holders(plan, role);
        return holders.isEmpty() ? "unassigned" : String.join(", ", holders);
    }

    /**
     * The people an owner names: a person of the plan stands for themselves, a role for its holders, and
     * anything else (a team, a role nobody holds yet) is kept as written.
     */
    static List<String> people(Plan plan, String owner) {
        if (owner == null || owner.isBlank()) return List.of();
        if (plan.person(owner).isPresent()) return List.of(owner);
        List<String> holders = holders(plan, owner);
        return holders.isEmpty() ? List.of(owner) : holders;
    }

    /** Each person once, in the order the owners name them. */
    static List<String> people(Plan plan, List<String> owners) {
        Set<String> names = new LinkedHashSet<>();
        for (String owner : owners) names.addAll(people(plan, owner));
        return new ArrayList<>(names);
    }
}
