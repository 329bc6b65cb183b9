package dev.gantry.coordinate;

import dev.gantry.documents.Checklist;
import dev.gantry.documents.CriterionState;
import dev.gantry.documents.GantryWork;
import dev.gantry.gate.RecordedGate;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Event;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.store.Tick;
import dev.gantry.text.PersonText;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A release's checklist with its live state, and ticking its manual items: the use-cases behind {@code gantry
 * checklist} and {@code gantry tick}, on the command line and on the server.
 */
public final class ChecklistService {

    private final Store store;

    public ChecklistService(Store store) {
        this.store = store;
    }

    /** The environment a checklist is for when none is named: production, else the last environment. */
    public static String defaultEnvironment(Plan plan) {
        return plan.environments().stream()
                .filter(Environment::isProduction)
                .map(Environment::name)
                .findFirst()
                .or(() -> plan.environments().isEmpty()
                        ? Optional.empty()
                        : Optional.of(plan.environments()
                                .get(plan.environments().size() - 1)
                                .name()))
                .orElse("production");
    }

    /**
     * The checklist with machine items from the environment's last gate, the items Gantry did from the runs of the
     * environment and of those it requires (its staging) and from the notes it wrote, the rest from the ticks.
     */
    public Checklist checklist(Plan plan, String environment, String version, String commit)
            throws StoreException, IOException {
        ReleaseLog log = new ReleaseLog(store);
        Map<String, CriterionState> lastGate = new LinkedHashMap<>();
        Optional<Event> gate = log.lastGate(version, environment);
        if (gate.isPresent()) lastGate.putAll(states(gate.get()));
        Set<String> stagings = plan.environments().stream()
                .filter(e -> e.name().equals(environment))
                .flatMap(e -> e.requires().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<GantryWork.RecordedRun> runs = new ArrayList<>();
        RunLog runLog = new RunLog(store);
        for (String env : concat(stagings, environment)) {
            runLog.runs(version, env).forEach((id, events) -> runs.add(new GantryWork.RecordedRun(id, env, events)));
        }
        return Checklist.of(plan, environment)
                .withState(
                        lastGate,
                        // A tick of another commit of the version is not this commit's.
                        log.ticks(version).stream().filter(t -> t.of(commit)).toList(),
                        GantryWork.of(environment, stagings, runs, log.notesWritten(version)));
    }

    /**
     * Marks a manual item of the environment's checklist done by {@code person}.
     *
     * @throws Refused when the checklist has no such item, a machine checks it, the person is not in the plan's
     *     people (when the plan names people), or the note is too long
     */
    public Tick tick(
            Plan plan,
            String environment,
            String version,
            String commit,
            String item,
            String person,
            String note,
            Instant at)
            throws StoreException, Refused {
        Optional<String> refused = PersonText.refusal("--note", note, false);
        if (refused.isPresent()) throw new Refused(refused.get());
        if (plan.environments().stream().noneMatch(e -> e.name().equals(environment))) {
            throw new Refused("unknown environment \"" + environment + "\"; the plan has: "
                    + String.join(
                            ", ",
                            plan.environments().stream().map(Environment::name).toList()));
        }
        Optional<Checklist.Item> listed = Checklist.of(plan, environment).item(item);
        if (listed.isEmpty()) {
            boolean machineCriterion = plan.criteria().stream().anyMatch(c -> c.id().equals(item) && c.check() != null);
            throw new Refused(
                    machineCriterion
                            ? item + " is checked by a machine: its state comes from 'gantry gate'"
                            : "no checklist item \"" + item + "\"; 'gantry checklist' shows the keys");
        }
        Checklist.Item chosen = listed.get();
        if (chosen.machine()) {
            throw new Refused("\"" + item + "\" is checked by a machine ("
                    + chosen.checkedBy().get(0).entryId() + ", "
                    + chosen.checkedBy().get(0).checkType()
                    + "): its state comes from 'gantry gate'");
        }
        if (!plan.people().isEmpty() && plan.person(person).isEmpty()) {
            throw new Refused("\"" + person + "\" is not in the plan's people");
        }
        Tick tick = new Tick(version, item, person, note, at, commit);
        new ReleaseLog(store).tick(tick);
        return tick;
    }

    private static List<String> concat(Set<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        if (!all.contains(last)) all.add(last);
        return all;
    }

    /** The criteria of a gate as recorded in the store by {@code gantry gate}. */
    private static Map<String, CriterionState> states(Event gate) throws IOException {
        Map<String, CriterionState> states = new LinkedHashMap<>();
        RecordedGate recorded = RecordedGate.parse(gate.payload());
        Instant at = recorded.at() != null ? recorded.at() : gate.at();
        for (RecordedGate.Criterion c : recorded.criteria()) {
            String evidence = (c.evidence() == null ? "" : c.evidence()) + (c.overridden() ? " (overridden)" : "");
            states.put(c.id(), new CriterionState(c.id(), c.status(), evidence, at));
        }
        return states;
    }
}
