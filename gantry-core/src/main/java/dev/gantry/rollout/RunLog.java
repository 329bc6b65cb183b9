package dev.gantry.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.store.Event;
import dev.gantry.store.NewEvent;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The events of runs, written to and read from the store's append-only log. */
public final class RunLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends RunEvent>> KINDS = RunEvent.kinds();
    // Not a field name of any event: Started has a runId of its own.
    private static final String RUN_KEY = "@run";

    private final Store store;

    public RunLog(Store store) {
        this.store = store;
    }

    /** A run's event as stored, with its time. */
    public record Logged(Instant at, RunEvent event) {}

    /** Appends one event of run {@code runId}; the run's id rides in the payload so runs of one release stay apart. */
    public void append(String runId, String version, String environment, String actor, Instant at, RunEvent event)
            throws StoreException {
        ObjectNode payload = JSON.valueToTree(event);
        payload.put(RUN_KEY, runId);
        store.append(
                new NewEvent(at, version, environment, RunEvent.kindOf(event.getClass()), actor, payload.toString()));
    }

    /** Every run of the release in the environment, each with its events oldest first, in the order they began. */
    public Map<String, List<Logged>> runs(String version, String environment) throws StoreException {
        Map<String, List<Logged>> runs = new LinkedHashMap<>();
        for (Event stored : store.events(version, null)) {
            Class<? extends RunEvent> type = KINDS.get(stored.kind());
            if (type == null || !stored.environment().equals(environment)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            runs.computeIfAbsent(runId, id -> new ArrayList<>())
                    .add(new Logged(stored.at(), convert(stored, payload, type)));
        }
        return runs;
    }

    /** One run as the history lists it. */
    public record Summary(
            String runId, String version, Instant started, Optional<Instant> ended, Optional<RunEvent.Ended> end) {}

    /** Every run in {@code environment}, of any release, in the order they began. */
    public List<Summary> history(String environment) throws StoreException {
        Map<String, Instant> ends = new LinkedHashMap<>();
        Map<String, RunEvent.Ended> verdicts = new LinkedHashMap<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.Ended.class))) {
            if (!stored.environment().equals(environment)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            ends.put(runId, stored.at());
            verdicts.put(runId, convert(stored, payload, RunEvent.Ended.class));
        }
        List<Summary> runs = new ArrayList<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.Started.class))) {
            if (!stored.environment().equals(environment)) continue;
            String runId = read(stored).path(RUN_KEY).asText();
            runs.add(new Summary(
                    runId,
                    stored.release(),
                    stored.at(),
                    Optional.ofNullable(ends.get(runId)),
                    Optional.ofNullable(verdicts.get(runId))));
        }
        return runs;
    }

    private static ObjectNode read(Event stored) throws StoreException {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(stored.payload());
            if (!payload.has(RUN_KEY)) throw new ClassCastException("no run id");
            return payload;
        } catch (JsonProcessingException | ClassCastException e) {
            throw new StoreException("event " + stored.sequence() + " (" + stored.kind()
                    + ") of the state database cannot be read: " + e.getMessage());
        }
    }

    private static <T extends RunEvent> T convert(Event stored, ObjectNode payload, Class<T> type)
            throws StoreException {
        try {
            return JSON.treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("event " + stored.sequence() + " (" + stored.kind()
                    + ") of the state database cannot be read: " + e.getMessage());
        }
    }

    /** The events of one run, without their times. */
    public static List<RunEvent> events(List<Logged> logged) {
        return logged.stream().map(Logged::event).toList();
    }
}
