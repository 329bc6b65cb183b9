package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.documents.Checklist;
import dev.gantry.documents.CriterionState;
import dev.gantry.documents.GantryWork;
import dev.gantry.documents.PlannedRelease;
import dev.gantry.documents.Scheduling;
import dev.gantry.gate.CheckResult;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.rollout.RunLog;
import dev.gantry.store.Approval;
import dev.gantry.store.Event;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the plan and checklist commands share: the planned release and the checklist with its live state. */
final class ReleaseDocuments {

    private ReleaseDocuments() {}

    /** Made when a gate is read: an ObjectMapper takes longer to start than {@code gantry tick} takes to write. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The release placed on its date (moved out of freezes), with the approvals of its exact commit. */
    static PlannedRelease planned(Plan plan, Candidate candidate, LocalDate date, ReleaseLog log)
            throws StoreException {
        List<Approval> approvals = log.approvals(candidate.version().toString()).stream()
                .filter(a -> a.commit().equals(candidate.commit()))
                .toList();
        PlannedRelease.Schedule schedule = Scheduling.place(date, plan.windows(), Scheduling.zone(plan));
        return PlannedRelease.of(candidate.version(), candidate.type(), schedule, candidate.changes(), plan, approvals);
    }

    /** The environment a checklist is for when none is named: production, else the last environment. */
    static String defaultEnvironment(Plan plan) {
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
    static Checklist checklist(Plan plan, String environment, String version, Store store)
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
                        log.ticks(version),
                        GantryWork.of(environment, stagings, runs, log.notesWritten(version)));
    }

    private static List<String> concat(Set<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        if (!all.contains(last)) all.add(last);
        return all;
    }

    /** The criteria of a gate as recorded in the store by {@code gantry gate}. */
    private static Map<String, CriterionState> states(Event gate) throws IOException {
        Map<String, CriterionState> states = new LinkedHashMap<>();
        JsonNode root = Json.MAPPER.readTree(gate.payload());
        Instant at = Instant.parse(root.path("at").asText(gate.at().toString()));
        for (JsonNode c : root.path("criteria")) {
            CheckResult.Status status =
                    CheckResult.Status.valueOf(c.path("status").asText().toUpperCase(Locale.ROOT));
            String evidence =
                    c.path("evidence").asText() + (c.path("overridden").asBoolean() ? " (overridden)" : "");
            states.put(c.path("id").asText(), new CriterionState(c.path("id").asText(), status, evidence, at));
        }
        return states;
    }
}
