package dev.gantry.plan;

import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names one part of the plan gives another: DEP- ids are unique, environments named in {@code requires}
 * and in an entry's {@code environments} exist, the progression has no cycle, and a rollback trigger's
 * {@code notification} entry written as a channel's name names a channel. A plan that breaks one of these cannot
 * be used at all, so these are load errors, not lint findings.
 */
final class PlanReferences {

    private PlanReferences() {}

    static List<PlanError> check(Bound<Plan> bound) {
        Plan plan = bound.value();
        List<PlanError> errors = new ArrayList<>();
        Map<String, DepEntry> ids = new HashMap<>();
        for (DepEntry entry : plan.entries()) {
            if (entry.id() == null) continue;
            DepEntry first = ids.putIfAbsent(entry.id(), entry);
            if (first != null) {
                errors.add(PlanFile.error(
                        bound,
                        entry,
                        "id",
                        "duplicate id " + entry.id() + "; it is already used at "
                                + bound.positions().of(first, "id")));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (Environment e : plan.environments()) {
            if (!names.add(e.name()))
                errors.add(PlanFile.error(bound, e, "name", "duplicate environment \"" + e.name() + "\""));
        }
        for (Environment e : plan.environments()) {
            for (String required : e.requires()) {
                if (required.equals(e.name())) {
                    errors.add(PlanFile.error(bound, e, "requires", "an environment cannot require itself"));
                } else if (!names.contains(required)) {
                    errors.add(unknown(bound, e, "requires", required, names));
                }
            }
        }
        if (errors.isEmpty())
            cycle(plan)
                    .ifPresent(e -> errors.add(PlanFile.error(
                            bound,
                            e,
                            "requires",
                            "environments require each other in a circle; progression must have a start")));
        if (!names.isEmpty()) {
            for (Criterion c : plan.criteria()) envs(bound, c, c.environments(), names, errors);
            for (RollbackTrigger r : plan.rollback()) envs(bound, r, r.environments(), names, errors);
            for (Validation v : plan.validation()) envs(bound, v, v.environments(), names, errors);
        }
        channels(bound, errors);
        flags(bound, errors);
        return errors;
    }

    /**
     * Flag names are unique, also when only their case differs: Unleash's API finds a flag by its name in a URL, and
     * two flags a person reads as one would be turned on and off in each other's place.
     */
    private static void flags(Bound<Plan> bound, List<PlanError> errors) {
        Map<String, Flag> seen = new HashMap<>();
        for (Flag flag : bound.value().flags()) {
            Flag first = seen.putIfAbsent(flag.name().toLowerCase(java.util.Locale.ROOT), flag);
            if (first != null) {
                errors.add(PlanFile.error(
                        bound,
                        flag,
                        "name",
                        "duplicate flag \"" + flag.name() + "\"; \"" + first.name() + "\" is declared at "
                                + bound.positions().of(first, "name")
                                + (first.name().equals(flag.name())
                                        ? ""
                                        : ", and flag names must differ by more than case")));
            }
        }
    }

    /**
     * Channel names are unique, and a one-word entry under {@code notification} names one of them. A plan without
     * channels has only free text there, as plans had before Gantry could send anything, so its entries are not
     * checked.
     */
    private static void channels(Bound<Plan> bound, List<PlanError> errors) {
        Plan plan = bound.value();
        Set<String> channels = new LinkedHashSet<>();
        for (NotifierSpec n : plan.notifications()) {
            if (!channels.add(n.name()))
                errors.add(PlanFile.error(bound, n, "name", "duplicate channel \"" + n.name() + "\""));
        }
        if (channels.isEmpty()) return;
        for (RollbackTrigger r : plan.rollback()) {
            for (int i = 0; i < r.notification().size(); i++) {
                String entry = r.notification().get(i);
                if (NotifierSpec.looksLikeChannel(entry) && !channels.contains(entry)) {
                    errors.add(PlanFile.error(
                            bound,
                            r,
                            "notification[" + i + "]",
                            "unknown channel \"" + entry + "\"; channels are " + String.join(", ", channels)
                                    + " (an entry with a space, # or @ is free text Gantry does not send)"));
                }
            }
        }
    }

    private static void envs(
            Bound<Plan> bound, Object entry, List<String> listed, Set<String> names, List<PlanError> errors) {
        for (String name : listed) {
            if (!names.contains(name)) errors.add(unknown(bound, entry, "environments", name, names));
        }
    }

    private static PlanError unknown(Bound<Plan> bound, Object entry, String key, String name, Set<String> names) {
        return PlanFile.error(
                bound,
                entry,
                key,
                "unknown environment \"" + name + "\"; environments are " + String.join(", ", names));
    }

    /** An environment that reaches itself through {@code requires}, if any. */
    private static java.util.Optional<Environment> cycle(Plan plan) {
        for (Environment start : plan.environments()) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> frontier = new ArrayList<>(start.requires());
            while (!frontier.isEmpty()) {
                String next = frontier.remove(frontier.size() - 1);
                if (next.equals(start.name())) return java.util.Optional.of(start);
                if (seen.add(next)) plan.environment(next).ifPresent(e -> frontier.addAll(e.requires()));
            }
        }
        return java.util.Optional.empty();
    }
}
