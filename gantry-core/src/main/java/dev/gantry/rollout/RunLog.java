package dev.gantry.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gantry.store.Anchors;
import dev.gantry.store.Event;
import dev.gantry.store.NewEvent;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The events of runs, written to and read from the store's append-only log. The coordinator's events of a run form
 * a hash chain: each carries the hash of the one before it, so an event edited or lost in the middle of a run is
 * found before the run is taken up again.
 */
public final class RunLog {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Map<String, Class<? extends RunEvent>> KINDS = RunEvent.Kinds.BY_KIND;
    // Not field names of any event: Started has a runId of its own.
    private static final String RUN_KEY = "@run";
    private static final String PREVIOUS_KEY = "@prev";
    private static final String RUN_KIND_PREFIX = "run.";

    private final Store store;

    public RunLog(Store store) {
        this.store = store;
    }

    /**
     * A run's event as stored, with its time and its place in the store (0 for one not read from a store).
     *
     * @param hash the hash of this event in its run's chain; empty for events outside the chain
     */
    public record Logged(Instant at, RunEvent event, long sequence, String hash) {

        public Logged(Instant at, RunEvent event) {
            this(at, event, 0, "");
        }
    }

    /**
     * Appends one event of run {@code runId}; the run's id rides in the payload so runs of one release stay apart.
     *
     * @param previous the hash of the run's last chained event ("" for the first); ignored for an event outside the
     *     chain
     * @return the event as stored, with its hash
     */
    public Logged append(
            String runId, String version, String environment, String actor, Instant at, RunEvent event, String previous)
            throws StoreException {
        ObjectNode payload = JSON.valueToTree(event);
        payload.put(RUN_KEY, runId);
        boolean chained = RunEvent.chained(event);
        if (chained) payload.put(PREVIOUS_KEY, previous);
        String kind = RunEvent.kindOf(event.getClass());
        Event stored = store.append(new NewEvent(at, version, environment, kind, actor, payload.toString()));
        if (!chained) return new Logged(stored.at(), event, stored.sequence(), "");
        String hash = hash(stored);
        store.anchors().set(environment, runId, new Anchors.Anchor(stored.sequence(), hash));
        return new Logged(stored.at(), event, stored.sequence(), hash);
    }

    /** The store the runs are kept in, where their rollbacks also change flags. */
    Store store() {
        return store;
    }

    /** Appends an event outside the coordinator's chain: a person's request or lesson. */
    public Logged append(String runId, String version, String environment, String actor, Instant at, RunEvent event)
            throws StoreException {
        if (RunEvent.chained(event)) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " belongs to the run's chain");
        }
        return append(runId, version, environment, actor, at, event, "");
    }

    /** Every run of the release in the environment, each with its events oldest first, in the order they began. */
    public Map<String, List<Logged>> runs(String version, String environment) throws StoreException {
        return runs(store.events(version, null), environment);
    }

    /** The events of one run stored after {@code sequence}, oldest first: what a poll has not seen yet. */
    public List<Logged> runAfter(String version, String environment, String runId, long sequence)
            throws StoreException {
        return runs(store.eventsAfter(version, sequence), environment).getOrDefault(runId, List.of());
    }

    private Map<String, List<Logged>> runs(List<Event> events, String environment) throws StoreException {
        Map<String, List<Logged>> runs = new LinkedHashMap<>();
        for (Event stored : events) {
            if (!stored.environment().equals(environment) || !isRunEvent(stored)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            boolean chained = payload.remove(PREVIOUS_KEY) != null;
            RunEvent event = convert(stored, payload, type(stored));
            runs.computeIfAbsent(runId, id -> new ArrayList<>())
                    .add(new Logged(stored.at(), event, stored.sequence(), chained ? hash(stored) : ""));
        }
        return runs;
    }

    /**
     * Checks the chain of one run's events as stored, oldest first, and that the store still holds the run's
     * anchored event.
     *
     * @throws BrokenChain naming the last event that is still good and the first that is not
     * @throws LostEvents naming the anchored event the store no longer holds and the last one it does
     */
    public void verify(String version, String environment, String runId) throws StoreException {
        verifyChain(
                environment,
                runId,
                chained(store.events(version, null), environment).getOrDefault(runId, List.of()));
    }

    /**
     * Checks every run of {@code environment}, of any release, as {@link #verify} does one, and that the store still
     * holds every run that has an anchor: what a decision on the environment's history (which commit was released
     * there, what is live) must stand on.
     */
    public void verifyAll(String environment) throws StoreException {
        for (Map.Entry<String, List<Event>> run :
                chained(store.events(null, null), environment).entrySet()) {
            verifyChain(environment, run.getKey(), run.getValue());
        }
        verifyRuns(environment);
    }

    /** The chained events of each run of {@code environment} among {@code events}, oldest first. */
    private Map<String, List<Event>> chained(List<Event> events, String environment) throws StoreException {
        Map<String, List<Event>> runs = new LinkedHashMap<>();
        for (Event stored : events) {
            if (!stored.environment().equals(environment) || !isRunEvent(stored)) continue;
            ObjectNode payload = read(stored);
            if (!payload.has(PREVIOUS_KEY)) continue;
            runs.computeIfAbsent(payload.path(RUN_KEY).asText(), id -> new ArrayList<>())
                    .add(stored);
        }
        return runs;
    }

    private void verifyChain(String environment, String runId, List<Event> chained) throws StoreException {
        String previous = "";
        Event lastGood = null;
        boolean anchorFound = false;
        Optional<Anchors.Anchor> anchor = store.anchors().of(environment, runId);
        for (Event stored : chained) {
            String claimed = read(stored).path(PREVIOUS_KEY).asText();
            if (!claimed.equals(previous)) {
                throw new BrokenChain(runId, lastGood, stored);
            }
            previous = hash(stored);
            lastGood = stored;
            if (anchor.isPresent() && anchor.get().sequence() == stored.sequence()) {
                // The chain cannot show an edit of its last event: the anchor, kept apart, does.
                if (!anchor.get().hash().equals(previous)) throw new BrokenChain(runId, stored);
                anchorFound = true;
            }
        }
        if (anchor.isPresent() && !anchorFound) throw new LostEvents(runId, anchor.get(), lastGood);
    }

    /** Checks that the store holds every run of {@code environment} that has an anchor. */
    public void verifyRuns(String environment) throws StoreException {
        Set<String> anchored = store.anchors().runs(environment);
        if (anchored.isEmpty()) return;
        Set<String> stored = new HashSet<>(runIds());
        for (String runId : anchored) {
            if (!stored.contains(runId)) {
                throw new LostEvents(
                        runId, store.anchors().of(environment, runId).orElseThrow(), null);
            }
        }
    }

    /** A run whose stored events do not chain: edited, or lost in the middle. */
    public static final class BrokenChain extends StoreException {

        BrokenChain(String runId, Event edited) {
            super("run " + runId + " cannot be trusted: its event " + edited.sequence() + " (" + edited.kind() + " at "
                    + edited.at() + ") is not the one the run's anchor names. The state database was edited or"
                    + " damaged; the run is not taken up again");
        }

        BrokenChain(String runId, Event lastGood, Event broken) {
            super("run " + runId + " cannot be trusted: its events do not chain at event " + broken.sequence() + " ("
                    + broken.kind() + " at " + broken.at() + "); the last good event is " + describe(lastGood)
                    + ". The state database was edited or damaged; the run is not taken up again");
        }
    }

    /** A run whose last events the store no longer holds: the database was truncated, rewound or had them deleted. */
    public static final class LostEvents extends StoreException {

        LostEvents(String runId, Anchors.Anchor anchor, Event lastStored) {
            super("run " + runId + " cannot be trusted: the state database no longer holds its event "
                    + anchor.sequence() + " (hash " + anchor.hash().substring(0, 12) + "), which the run's anchor"
                    + " names as its last; the last event the database holds is " + describe(lastStored)
                    + ". The state database was truncated, rewound to an older copy or had events deleted; the run"
                    + " is not taken up again and no new run starts in its environment until it is restored");
        }
    }

    private static String describe(Event event) {
        return event == null ? "none" : event.sequence() + " (" + event.kind() + " at " + event.at() + ")";
    }

    /**
     * One run as the history lists it.
     *
     * @param previousVersion the version it replaced, or, for a person's rollback, the one it brought back
     * @param manualRollback whether it was a person's rollback of a released version ({@code gantry rollback})
     */
    public record Summary(
            String runId,
            String version,
            String commit,
            Instant started,
            Optional<Instant> ended,
            Optional<RunEvent.Ended> end,
            Optional<String> previousVersion,
            Optional<String> previousCommit,
            boolean manualRollback) {}

    /** Every run in {@code environment}, of any release, in the order they began. */
    public List<Summary> history(String environment) throws StoreException {
        Map<String, Instant> ends = new LinkedHashMap<>();
        Map<String, RunEvent.Ended> verdicts = new LinkedHashMap<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.Ended.class))) {
            if (!stored.environment().equals(environment)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            payload.remove(PREVIOUS_KEY);
            ends.put(runId, stored.at());
            verdicts.put(runId, convert(stored, payload, RunEvent.Ended.class));
        }
        java.util.Set<String> manual = new java.util.HashSet<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.RollbackDecided.class))) {
            if (!stored.environment().equals(environment)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            payload.remove(PREVIOUS_KEY);
            if (convert(stored, payload, RunEvent.RollbackDecided.class).cause() == RollbackCause.MANUAL_ROLLBACK) {
                manual.add(runId);
            }
        }
        List<Summary> runs = new ArrayList<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.Started.class))) {
            if (!stored.environment().equals(environment)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            payload.remove(PREVIOUS_KEY);
            RunEvent.Started started = convert(stored, payload, RunEvent.Started.class);
            runs.add(new Summary(
                    runId,
                    stored.release(),
                    started.commit(),
                    stored.at(),
                    Optional.ofNullable(ends.get(runId)),
                    Optional.ofNullable(verdicts.get(runId)),
                    Optional.ofNullable(started.previousVersion()),
                    Optional.ofNullable(started.previousCommit()),
                    manual.contains(runId)));
        }
        return runs;
    }

    /**
     * The last push of a run's tag: {@link RunEvent.TagPushed} or {@link RunEvent.TagPushFailed}.
     *
     * @param version the release the run belongs to
     */
    public record LastTagPush(String runId, String version, String environment, RunEvent push) {}

    /** The last push of each run's tag in {@code environment}, in the order the runs' pushes were first tried. */
    public List<LastTagPush> lastTagPushes(String environment) throws StoreException {
        List<Event> pushes = new ArrayList<>();
        pushes.addAll(store.events(null, RunEvent.kindOf(RunEvent.TagPushed.class)));
        pushes.addAll(store.events(null, RunEvent.kindOf(RunEvent.TagPushFailed.class)));
        pushes.sort(java.util.Comparator.comparingLong(Event::sequence));
        Map<String, LastTagPush> last = new LinkedHashMap<>();
        for (Event stored : pushes) {
            if (!stored.environment().equals(environment)) continue;
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            payload.remove(PREVIOUS_KEY);
            RunEvent push = convert(stored, payload, type(stored));
            last.put(runId, new LastTagPush(runId, stored.release(), environment, push));
        }
        return new ArrayList<>(last.values());
    }

    /**
     * A flag a run's rollback turned off.
     *
     * @param version the release the run belongs to
     */
    public record TurnedOff(String runId, String version, String environment, RunEvent.FlagTurnedOff event) {}

    /** Every flag any run turned off, of any release and environment, oldest first. */
    public List<TurnedOff> flagsTurnedOff() throws StoreException {
        List<TurnedOff> off = new ArrayList<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.FlagTurnedOff.class))) {
            ObjectNode payload = read(stored);
            String runId = payload.remove(RUN_KEY).asText();
            payload.remove(PREVIOUS_KEY);
            off.add(new TurnedOff(
                    runId,
                    stored.release(),
                    stored.environment(),
                    convert(stored, payload, RunEvent.FlagTurnedOff.class)));
        }
        return off;
    }

    /** Every run id ever stored, of any release and environment. */
    public List<String> runIds() throws StoreException {
        List<String> ids = new ArrayList<>();
        for (Event stored : store.events(null, RunEvent.kindOf(RunEvent.Started.class))) {
            ids.add(read(stored).path(RUN_KEY).asText());
        }
        return ids;
    }

    private static boolean isRunEvent(Event stored) {
        return stored.kind().startsWith(RUN_KIND_PREFIX);
    }

    /** A run event's record; a run event of a kind this Gantry does not know is an error, never skipped. */
    private static Class<? extends RunEvent> type(Event stored) throws StoreException {
        Class<? extends RunEvent> type = KINDS.get(stored.kind());
        if (type == null) {
            throw new StoreException("event " + stored.sequence() + " of the state database is of kind \""
                    + stored.kind() + "\", which this Gantry does not know: it was written by a newer Gantry, or"
                    + " edited; the run it belongs to cannot be read");
        }
        return type;
    }

    /** The hash of a stored chained event: of its kind, time and payload, which holds the hash before it. */
    private static String hash(Event stored) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stored.kind().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(stored.at().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(stored.payload().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("event " + stored.sequence() + " (" + stored.kind()
                    + ") of the state database cannot be read: " + e.getMessage());
        }
    }

    /** The events of one run, without their times. */
    public static List<RunEvent> events(List<Logged> logged) {
        return logged.stream().map(Logged::event).toList();
    }
}
