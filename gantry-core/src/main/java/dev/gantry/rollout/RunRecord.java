package dev.gantry.rollout;

import dev.gantry.rollout.RunEvent.Requested;
import dev.gantry.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run's events as this coordinator knows them, and the only way it appends: each event chained to the one
 * before, the observer told before and after. It also takes in what others append meanwhile (a person's request
 * from another terminal), and waits in slices so that such a request is seen within one poll.
 */
final class RunRecord {

    private static final long UNORDERED_MARGIN = 1000;

    /** What a wait was cut short by. */
    enum Interruption {
        /** Nothing: the wait ran to its end. */
        NONE,
        /** The run decided to roll back (a person aborted it, or rolled back a paused run). */
        ROLLBACK,
        /** A person decided on the run that waited, and it goes on. */
        DECIDED
    }

    /** Answers the requests that arrived: called whenever the record takes in one. */
    interface RequestHandler {
        void answer() throws StoreException;
    }

    private final RunLog log;
    private final Time time;
    private final RunEngine.Request request;
    private final List<RunLog.Logged> events = new ArrayList<>();
    private final Set<Long> known = new HashSet<>();
    private String lastHash = "";
    private long newest; // the highest sequence number taken in
    private RequestHandler handler = () -> {};

    RunRecord(RunLog log, Time time, RunEngine.Request request) throws StoreException {
        this.log = log;
        this.time = time;
        this.request = request;
        log.verify(request.version().toString(), request.environment(), request.runId());
        takeIn();
    }

    void onRequest(RequestHandler handler) {
        this.handler = handler;
    }

    List<RunLog.Logged> events() {
        return events;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    RunState state() {
        return RunState.of(RunLog.events(events));
    }

    Time time() {
        return time;
    }

    RunEngine.Request request() {
        return request;
    }

    RunLog.Logged append(RunEvent event) throws StoreException {
        request.observer().beforeEach();
        Instant at = time.now();
        RunLog.Logged logged = log.append(
                request.runId(),
                request.version().toString(),
                request.environment(),
                request.actor(),
                at,
                event,
                lastHash);
        add(logged);
        request.observer().afterEach(logged);
        return logged;
    }

    <T extends RunEvent> Optional<T> first(Class<T> type) {
        return events.stream()
                .map(RunLog.Logged::event)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst();
    }

    <T extends RunEvent> List<T> all(Class<T> type) {
        return events.stream()
                .map(RunLog.Logged::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The requests no chained event of the coordinator answers yet, with their sequence, oldest first. */
    List<RunLog.Logged> unanswered() {
        Set<Long> answered = new HashSet<>();
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.Decided d) answered.add(d.answers());
            if (logged.event() instanceof RunEvent.RollbackDecided r) answered.add(r.answers());
            if (logged.event() instanceof RunEvent.RequestRefused r) answered.add(r.answers());
        }
        return events.stream()
                .filter(e -> e.event() instanceof Requested && !answered.contains(e.sequence()))
                .toList();
    }

    /**
     * Waits until the clock reads {@code at}, looking for what others appended every poll and answering their
     * requests; returns early when an answer changed the run's course.
     */
    Interruption waitUntil(Instant at) throws StoreException, InterruptedException {
        while (true) {
            Interruption interruption = poll();
            if (interruption != Interruption.NONE) return interruption;
            Instant now = time.now();
            if (!now.isBefore(at)) return Interruption.NONE;
            Instant slice = now.plus(request.conduct().pollEvery());
            time.waitUntil(slice.isBefore(at) ? slice : at);
        }
    }

    /** Takes in what others appended, answers new requests, and says whether the run's course changed. */
    Interruption poll() throws StoreException {
        request.observer().poll();
        takeIn();
        if (unanswered().isEmpty()) return Interruption.NONE;
        boolean waited = state().waiting().isPresent();
        handler.answer();
        RunState after = state();
        if (after.rollback().isPresent()) return Interruption.ROLLBACK;
        if (waited && after.waiting().isEmpty()) return Interruption.DECIDED;
        return Interruption.NONE;
    }

    private void takeIn() throws StoreException {
        // Only what is new, and a margin before it: a request another process stores at the same moment as an event
        // of this coordinator may get the lower number and still be written after it. Known events are skipped.
        long from = Math.max(0, newest - UNORDERED_MARGIN);
        List<RunLog.Logged> stored =
                log.runAfter(request.version().toString(), request.environment(), request.runId(), from);
        for (RunLog.Logged logged : stored) {
            if (!known.contains(logged.sequence())) add(logged);
        }
    }

    private void add(RunLog.Logged logged) {
        events.add(logged);
        newest = Math.max(newest, logged.sequence());
        if (logged.sequence() != 0) known.add(logged.sequence());
        if (!logged.hash().isEmpty()) lastHash = logged.hash();
    }
}
