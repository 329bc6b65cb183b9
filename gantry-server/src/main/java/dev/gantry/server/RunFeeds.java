package dev.gantry.server;

import dev.gantry.coordinate.RunBinding;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import dev.gantry.server.api.RunEventView;
import dev.gantry.server.auth.Caller;
import dev.gantry.server.auth.Lapse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runs being followed, each read from the store once for all its followers: one look for new events per run
 * every {@link #EVERY}, whoever runs it (this server or another replica), however many dashboards and terminals
 * follow it; at once when this server's own run stored it. A follower holds no thread while it waits; a feed is dropped with its last follower.
 * A follower is cut when the credential that let it in is revoked or ends, here or on another replica.
 */
final class RunFeeds implements AutoCloseable {

    /** How often a followed run's new events are looked for: a stored event reaches its followers within that. */
    static final Duration EVERY = Duration.ofMillis(100);

    /** Someone following a run: a stream, or a request waiting for the next events. */
    interface Follower {
        /**
         * Takes the run's next events, in order; false when the follower is gone and wants no more.
         *
         * @param views never empty
         */
        boolean take(List<RunEventView> views);

        /** The run ended and every event it stored was taken. */
        void ended();

        /** Nothing new for a while: a stream says it is still there; false when the follower is gone. */
        default boolean idle() {
            return true;
        }

        /** The credential that let the follower in is no longer good: it is told why and given nothing more. */
        void cut(Lapse lapse);
    }

    /** Which of the credentials that let followers in are no longer good, looked at all at once. */
    interface Credentials {
        Map<Caller, Lapse> lapsed(Collection<Caller> callers) throws Exception;
    }

    /**
     * How often the credentials of every follower are looked at again, in one batch, for revocations made by
     * another replica sharing the database; those made by this server are looked at at once ({@link #recheck}).
     */
    static final Duration RECHECK = Duration.ofSeconds(2);

    /** Where a followed run's events are read. */
    interface Source {
        /** The run, empty while it is starting and has stored no event yet. */
        Optional<RunBinding> find() throws Exception;

        /** Its events stored after {@code sequence}, oldest first. */
        List<RunLog.Logged> after(RunBinding run, long sequence) throws Exception;
    }

    /** Turns stored events into what followers are sent. */
    interface Views {
        List<RunEventView> of(List<RunLog.Logged> events);
    }

    /** How long a follower goes without anything before it is told the feed is still there. */
    static final Duration IDLE = Duration.ofSeconds(15);

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Views views;
    private final Credentials credentials;
    private final ServerLog log;
    private final java.util.concurrent.atomic.AtomicBoolean recheck = new java.util.concurrent.atomic.AtomicBoolean();
    private long checkedAt = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gantry-feeds");
        thread.setDaemon(true);
        return thread;
    });

    RunFeeds(Views views, Credentials credentials, ServerLog log) {
        this.views = views;
        this.credentials = credentials;
        this.log = log;
        ticker.scheduleWithFixedDelay(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Follows run {@code runId} of {@code project} from after {@code after}: what was stored already is given at
     * once, then each new event as it is stored, for as long as {@code caller}'s credential stays good.
     */
    void follow(String project, String runId, Source source, long after, Caller caller, Follower follower) {
        String key = project + "/" + runId;
        while (true) {
            Feed feed = feeds.computeIfAbsent(key, k -> new Feed(source));
            if (feed.add(after, caller, follower)) return;
            feeds.remove(key, feed); // dropped by the ticker meanwhile: take a new one
        }
    }

    /** A run of this server stored an event: its feed looks now instead of at its next turn. */
    void stored(String project, String runId) {
        Feed feed = feeds.get(project + "/" + runId);
        // One look asked for at a time: a run storing events faster than its followers are served is read in batches
        // rather than falling ever further behind.
        if (feed == null || !feed.asked.compareAndSet(false, true)) return;
        try {
            ticker.execute(() -> {
                feed.asked.set(false);
                try {
                    feed.poll(false);
                } catch (RuntimeException e) {
                    log.error("following run " + project + "/" + runId, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    /** The run as a feed of it found it already, sparing a look through the records. */
    Optional<RunBinding> known(String project, String runId) {
        Feed feed = feeds.get(project + "/" + runId);
        return feed == null ? Optional.empty() : feed.run();
    }

    /** Stops following. */
    void leave(String project, String runId, Follower follower) {
        Feed feed = feeds.get(project + "/" + runId);
        if (feed != null) feed.remove(follower);
    }

    /** Other streams whose credentials are looked at again with these followers' ({@link #recheck}). */
    private final List<Runnable> alsoRecheck = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Has {@link #recheck} also tell {@code other}, which follows credentials of its own. */
    void alsoRecheck(Runnable other) {
        alsoRecheck.add(other);
    }

    /** A credential was revoked or ended on this server: the followers' credentials are looked at now. */
    void recheck() {
        alsoRecheck.forEach(Runnable::run);
        recheck.set(true);
        try {
            ticker.execute(this::checkCredentials);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    /** Cuts every follower whose credential is no longer good: one look at all of them, not one per follower. */
    private void checkCredentials() {
        if (!recheck.getAndSet(false) && System.nanoTime() - checkedAt < RECHECK.toNanos()) return;
        checkedAt = System.nanoTime();
        java.util.Set<Caller> callers = new java.util.HashSet<>();
        feeds.values().forEach(feed -> feed.callers(callers));
        if (callers.isEmpty()) return;
        Map<Caller, Lapse> lapsed;
        try {
            lapsed = credentials.lapsed(callers);
        } catch (Exception e) {
            log.error("cannot look again at the credentials of " + callers.size() + " followers", e);
            return;
        }
        if (!lapsed.isEmpty()) feeds.values().forEach(feed -> feed.cut(lapsed));
    }

    private long idleSince = System.nanoTime();

    private void tick() {
        checkCredentials();
        boolean idle = System.nanoTime() - idleSince > IDLE.toNanos();
        if (idle) idleSince = System.nanoTime();
        feeds.forEach((key, feed) -> {
            try {
                if (!feed.poll(idle)) feeds.remove(key, feed);
            } catch (RuntimeException e) {
                log.error("following run " + key, e);
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** A follower, the credential that let it in and the last event it took. */
    private static final class Seat {
        final Follower follower;
        final Caller caller;
        long after;

        Seat(Follower follower, Caller caller, long after) {
            this.follower = follower;
            this.caller = caller;
            this.after = after;
        }

        /** Hands on what the follower has not taken yet; false when it is gone. */
        boolean give(List<RunEventView> views) {
            List<RunEventView> next =
                    views.stream().filter(v -> v.sequence() > after).toList();
            if (next.isEmpty()) return true;
            after = next.get(next.size() - 1).sequence();
            return follower.take(next);
        }
    }

    /** One run's events so far and its followers. */
    private final class Feed {
        private final Source source;
        /** A look was asked for and has not begun yet. */
        final java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();

        private RunBinding run;
        private final List<RunEventView> seen = new ArrayList<>();
        private long last;
        private boolean ended;
        private boolean dropped;
        private final List<Seat> seats = new ArrayList<>();

        Feed(Source source) {
            this.source = source;
        }

        /** Gives the follower what is known after {@code after}, then keeps it; false when the feed was dropped. */
        synchronized boolean add(long after, Caller caller, Follower follower) {
            if (dropped) return false;
            Seat seat = new Seat(follower, caller, after);
            if (!seat.give(seen)) return true;
            if (ended) {
                follower.ended();
                return true;
            }
            seats.add(seat);
            return true;
        }

        synchronized void remove(Follower follower) {
            seats.removeIf(seat -> seat.follower == follower);
        }

        synchronized void callers(java.util.Set<Caller> into) {
            for (Seat seat : seats) into.add(seat.caller);
        }

        /** Cuts the followers whose credential lapsed, each told why. */
        synchronized void cut(Map<Caller, Lapse> lapsed) {
            for (Seat seat : List.copyOf(seats)) {
                Lapse lapse = lapsed.get(seat.caller);
                if (lapse == null) continue;
                seats.remove(seat);
                seat.follower.cut(lapse);
            }
        }

        /** Looks for new events once and hands them on; false when nobody follows any more and the feed is dropped. */
        synchronized boolean poll(boolean idle) {
            if (seats.isEmpty()) {
                dropped = true;
                return false;
            }
            boolean wasEnded = ended;
            List<RunEventView> fresh = read();
            // A follower told something may leave at once (a stream that closes): the seats are walked as they were.
            List<Seat> now = List.copyOf(seats);
            if (!fresh.isEmpty()) {
                seen.addAll(fresh);
                for (Seat seat : now) if (!seat.give(fresh)) seats.remove(seat);
            } else if (wasEnded) {
                // Every event of an ended run has been handed on.
                seats.clear();
                for (Seat seat : now) seat.follower.ended();
            } else if (idle) {
                for (Seat seat : now) if (!seat.follower.idle()) seats.remove(seat);
            }
            return true;
        }

        synchronized Optional<RunBinding> run() {
            return Optional.ofNullable(run);
        }

        private List<RunEventView> read() {
            try {
                if (run == null) run = source.find().orElse(null);
                if (run == null) return List.of();
                List<RunLog.Logged> events = source.after(run, last);
                if (events.isEmpty()) return List.of();
                last = events.get(events.size() - 1).sequence();
                if (events.stream().anyMatch(e -> e.event() instanceof RunEvent.Ended)) ended = true;
                return views.of(events);
            } catch (Exception e) {
                log.error("cannot read the events of run " + (run == null ? "(not found yet)" : run.runId()), e);
                return List.of();
            }
        }
    }
}
