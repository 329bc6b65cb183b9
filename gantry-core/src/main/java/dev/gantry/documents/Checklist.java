package dev.gantry.documents;

import dev.gantry.gate.Checks;
import dev.gantry.plan.CheckSpec;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.Milestone;
import dev.gantry.plan.Plan;
import dev.gantry.plan.Step;
import dev.gantry.plan.Validation;
import dev.gantry.store.Tick;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The release checklist for one environment: the standard items on the T-minus timeline, each checked by a
 * machine when a DEP- entry of the plan has a check for it, and the plan's own entries and steps.
 *
 * <p>A criterion (or a validation) with a check covers the standard item whose check types include the check's
 * type; when several items take that type, its title's words pick one (a {@code file} check titled "Changelog
 * has the release" covers {@code changelog}, not {@code docs}). Criteria are matched against items up to the
 * deployment, validations against the deployment and after it. What covers no item becomes an item of its
 * own, keyed by its DEP- id: criteria under the go/no-go decision, validations under the deployment. Steps are
 * items at their milestone, manual.
 */
public record Checklist(String environment, List<Item> items) {

    /** A DEP- entry whose check checks an item, and the check's type. */
    public record CheckedBy(String entryId, String checkType) {}

    /**
     * One item.
     *
     * @param key what {@code gantry tick} names it by: a short word for a standard item, the DEP- id for the
     *     plan's own
     * @param checkTypes the check types that can check it by machine
     * @param checkedBy the entries that check it; empty for a manual item
     * @param state where it stands; empty until {@link #withState} is called
     */
    public record Item(
            Milestone milestone,
            String key,
            String title,
            String text,
            List<String> checkTypes,
            List<CheckedBy> checkedBy,
            Optional<ItemState> state) {

        public Item {
            checkTypes = List.copyOf(checkTypes);
            checkedBy = List.copyOf(checkedBy);
        }

        public boolean machine() {
            return !checkedBy.isEmpty();
        }

        public boolean done() {
            return state.map(ItemState::done).orElse(false);
        }

        Item with(ItemState newState) {
            return new Item(milestone, key, title, text, checkTypes, checkedBy, Optional.of(newState));
        }
    }

    public Checklist {
        items = List.copyOf(items);
    }

    /** The checklist with check types named as the plan file names them. */
    public static Checklist of(Plan plan, String environment) {
        return of(plan, environment, Checks.typeName());
    }

    /** @param typeName the {@code type:} name of a check */
    public static Checklist of(Plan plan, String environment, Function<CheckSpec, String> typeName) {
        Map<String, List<CheckedBy>> covered = new LinkedHashMap<>();
        StandardItems.ALL.forEach(t -> covered.put(t.key(), new ArrayList<>()));
        List<Item> own = new ArrayList<>();
        for (Criterion c : plan.criteria()) {
            if (!c.appliesTo(environment)) continue;
            String type = c.machineCheck().map(typeName).orElse(null);
            Optional<StandardItems.Template> item =
                    type == null ? Optional.empty() : cover(c.title(), type, m -> m != Milestone.POST_DEPLOYMENT);
            if (item.isPresent()) {
                covered.get(item.get().key()).add(new CheckedBy(key(c.id()), type));
            } else {
                own.add(new Item(
                        Milestone.GO_NO_GO,
                        key(c.id()),
                        c.title(),
                        c.requirement() != null ? c.requirement() : c.verification(),
                        type == null ? List.of() : List.of(type),
                        type == null ? List.of() : List.of(new CheckedBy(key(c.id()), type)),
                        Optional.empty()));
            }
        }
        for (Validation v : plan.validation()) {
            if (!v.environments().isEmpty() && !v.environments().contains(environment)) continue;
            String type = v.check() == null ? null : typeName.apply(v.check());
            Optional<StandardItems.Template> item = type == null
                    ? Optional.empty()
                    : cover(v.title(), type, m -> m.compareTo(Milestone.DEPLOYMENT) >= 0);
            if (item.isPresent()) {
                covered.get(item.get().key()).add(new CheckedBy(key(v.id()), type));
            } else {
                own.add(new Item(
                        Milestone.DEPLOYMENT,
                        key(v.id()),
                        v.title(),
                        v.successCriteria(),
                        type == null ? List.of() : List.of(type),
                        type == null ? List.of() : List.of(new CheckedBy(key(v.id()), type)),
                        Optional.empty()));
            }
        }
        for (Step s : plan.steps()) {
            own.add(new Item(s.at(), key(s.id()), s.title(), s.description(), List.of(), List.of(), Optional.empty()));
        }
        List<Item> items = new ArrayList<>();
        for (Milestone milestone : Milestone.values()) {
            for (StandardItems.Template t : StandardItems.ALL) {
                if (t.milestone() != milestone) continue;
                items.add(new Item(
                        milestone,
                        t.key(),
                        t.title(),
                        t.text(),
                        t.checkTypes(),
                        covered.get(t.key()),
                        Optional.empty()));
            }
            own.stream().filter(i -> i.milestone() == milestone).forEach(items::add);
        }
        return new Checklist(environment, items);
    }

    /**
     * The standard item a check of {@code type} titled {@code title} covers: the only candidate, or the one whose
     * keywords the title names most (the earlier on ties); none when several take the type and none is named.
     */
    private static Optional<StandardItems.Template> cover(String title, String type, Predicate<Milestone> where) {
        List<StandardItems.Template> candidates = StandardItems.ALL.stream()
                .filter(t -> where.test(t.milestone()) && t.checkTypes().contains(type))
                .toList();
        if (candidates.size() <= 1) return candidates.stream().findFirst();
        String words = title == null ? "" : title.toLowerCase(Locale.ROOT);
        StandardItems.Template best = null;
        long bestHits = 0;
        for (StandardItems.Template t : candidates) {
            long hits = t.keywords().stream().filter(k -> named(words, k)).count();
            if (hits > bestHits) {
                best = t;
                bestHits = hits;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A keyword at the start of a word, so "alert" finds "alerts" but "up" does not find "backup". */
    private static boolean named(String words, String keyword) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword))
                .matcher(words)
                .find();
    }

    private static String key(String id) {
        return id == null ? "(no id)" : id;
    }

    /**
     * The checklist as things stand: machine items from the last evaluation of each entry that checks them
     * ("not evaluated yet" when it has none), manual items from the latest tick of their key.
     *
     * @param lastGate the latest state of each criterion (or validation), by DEP- id
     */
    public Checklist withState(Map<String, CriterionState> lastGate, List<Tick> ticks) {
        return withState(lastGate, ticks, Map.of());
    }

    /**
     * The checklist as things stand, with the manual items Gantry did itself marked done by the run (or command)
     * that did them; a person's tick counts for the items Gantry did not do.
     *
     * @param byGantry what Gantry did, by item key, as {@link GantryWork#of} finds it
     */
    public Checklist withState(
            Map<String, CriterionState> lastGate, List<Tick> ticks, Map<String, ItemState.DoneByGantry> byGantry) {
        List<Item> updated = new ArrayList<>();
        for (Item item : items) {
            if (item.machine()) {
                List<ItemState.Reading> readings = item.checkedBy().stream()
                        .map(c -> new ItemState.Reading(c.entryId(), Optional.ofNullable(lastGate.get(c.entryId()))))
                        .toList();
                updated.add(item.with(new ItemState.Checked(readings)));
            } else if (byGantry.containsKey(item.key())) {
                updated.add(item.with(byGantry.get(item.key())));
            } else {
                updated.add(item.with(latest(ticks, item.key())
                        .<ItemState>map(ItemState.Ticked::new)
                        .orElseGet(ItemState.Open::new)));
            }
        }
        return new Checklist(environment, updated);
    }

    /** The latest tick of {@code key}; of ticks at the same instant, the one given last. */
    private static Optional<Tick> latest(List<Tick> ticks, String key) {
        Tick latest = null;
        for (Tick t : ticks) {
            if (t.item().equals(key) && (latest == null || !t.at().isBefore(latest.at()))) latest = t;
        }
        return Optional.ofNullable(latest);
    }

    public List<Item> items(Milestone milestone) {
        return items.stream().filter(i -> i.milestone() == milestone).toList();
    }

    public Optional<Item> item(String key) {
        return items.stream().filter(i -> i.key().equals(key)).findFirst();
    }
}
