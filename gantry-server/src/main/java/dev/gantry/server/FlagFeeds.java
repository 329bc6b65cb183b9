package dev.gantry.server;

import dev.gantry.flags.FlagStates;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Plan;
import dev.gantry.server.auth.Caller;
import dev.gantry.server.auth.Lapse;
import dev.gantry.store.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The flag states SDKs stream ({@code /client/streaming} of Unleash's client API), one feed per project for all its
 * followers: every {@link #EVERY} one look at the project's store for new flag changes, whoever made them (this
 * server, the command line, another replica); at once when {@link #changed} is told of one. A change is read once
 * per environment, turned into one event's bytes, and written to every stream of that environment. A follower holds
 * no thread while it waits, and is cut when the token that let it in is revoked or expires, here or on another
 * replica.
 */
public final class FlagFeeds implements AutoCloseable {

    /** How often a followed project's store is looked at: a stored change reaches the streams within that. */
    static final Duration EVERY = Duration.ofMillis(100);

    /** How long a stream goes without an event before it is sent a comment, so that it is seen to be alive. */
    static final Duration IDLE = Duration.ofSeconds(15);

    private static final byte[] STILL_HERE = ": still following\n\n".getBytes(StandardCharsets.UTF_8);

    /** A stream of one environment's flags. */
    interface Follower {
        /** Writes server-sent events, already formatted; false when the stream is gone. */
        boolean send(byte[] events);

        /** The credential that let the follower in is no longer good: it is told why and given nothing more. */
        void cut(Lapse lapse);
    }

    private final Map<String, ProjectFeed> feeds = new ConcurrentHashMap<>();
    private final RunFeeds.Credentials credentials;
    private final ServerLog log;
    private final AtomicBoolean recheck = new AtomicBoolean();
    private long checkedAt = System.nanoTime();
    private long idleSince = System.nanoTime();
    /** How many threads write a change to many streams at once, the looking thread among them. */
    private static final int WRITERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Below this many streams a thread writes them all: a hand-over would cost more than it saves. */
    private static final int STREAMS_PER_WRITER = 64;

    private final ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, WRITERS - 1), runnable -> {
        Thread thread = new Thread(runnable, "gantry-flag-writers");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gantry-flag-feeds");
        thread.setDaemon(true);
        return thread;
    });

    FlagFeeds(RunFeeds.Credentials credentials, ServerLog log) {
        this.credentials = credentials;
        this.log = log;
        ticker.scheduleWithFixedDelay(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Streams {@code environment}'s flags of {@code home} to {@code follower}: the whole state at once as
     * {@code unleash-connected}, then each change as {@code unleash-updated}, for as long as {@code caller}'s token
     * stays good.
     */
    void follow(ProjectHome home, String environment, Caller caller, Follower follower) throws Exception {
        while (true) {
            ProjectFeed feed = feeds.computeIfAbsent(home.name(), name -> new ProjectFeed(home));
            if (feed.add(environment, caller, follower)) return;
            feeds.remove(home.name(), feed); // dropped by the ticker meanwhile: take a new one
        }
    }

    /**
     * Stops streaming to {@code follower}. Done by the feeds' own thread: a stream closed while a change is written to
     * it, from a thread writing a share of the streams, must not wait for the feed that waits for that thread.
     */
    void leave(String project, Follower follower) {
        ProjectFeed feed = feeds.get(project);
        if (feed == null) return;
        try {
            ticker.execute(() -> feed.remove(follower));
        } catch (RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    /**
     * A flag of {@code project} was changed through this server: its streams are brought up to date now rather than
     * at the next look. For a flag-changing service to call after each change it stores.
     */
    public void changed(String project) {
        ProjectFeed feed = feeds.get(project);
        if (feed == null) return;
        try {
            ticker.execute(() -> poll(project, feed, false));
        } catch (RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    /** A credential was revoked or ended on this server: the followers' tokens are looked at now. */
    void recheck() {
        recheck.set(true);
        try {
            ticker.execute(this::checkCredentials);
        } catch (RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    private void tick() {
        checkCredentials();
        boolean idle = System.nanoTime() - idleSince > IDLE.toNanos();
        if (idle) idleSince = System.nanoTime();
        feeds.forEach((project, feed) -> {
            if (!poll(project, feed, idle)) feeds.remove(project, feed);
        });
    }

    private boolean poll(String project, ProjectFeed feed, boolean idle) {
        try {
            return feed.poll(idle);
        } catch (RuntimeException e) {
            log.error("following the flags of project " + project, e);
            return true;
        }
    }

    /** Cuts every follower whose token is no longer good: one look at all of them, not one per follower. */
    private void checkCredentials() {
        if (!recheck.getAndSet(false) && System.nanoTime() - checkedAt < RunFeeds.RECHECK.toNanos()) return;
        checkedAt = System.nanoTime();
        Set<Caller> callers = new HashSet<>();
        feeds.values().forEach(feed -> feed.callers(callers));
        if (callers.isEmpty()) return;
        Map<Caller, Lapse> lapsed;
        try {
            lapsed = credentials.lapsed(callers);
        } catch (Exception e) {
            log.error("cannot look again at the tokens of " + callers.size() + " flag streams", e);
            return;
        }
        if (!lapsed.isEmpty()) feeds.values().forEach(feed -> feed.cut(lapsed));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        writers.shutdownNow();
    }

    private record Seat(Follower follower, Caller caller) {}

    /** One environment's last state sent, and its streams. */
    private static final class EnvironmentFeed {
        FlagState state;
        long eventId;
        byte[] connected;
        final List<Seat> seats = new ArrayList<>();

        EnvironmentFeed(FlagState state, long eventId) {
            this.state = state;
            this.eventId = eventId;
        }

        /** The event a new stream opens with, made once for all that connect before the next change. */
        byte[] connected() {
            if (connected == null) connected = event("unleash-connected", UnleashDeltas.hydration(state, eventId));
            return connected;
        }
    }

    /** One project's streams, by environment, and the last of its store's events looked at. */
    private final class ProjectFeed {
        private final ProjectHome home;
        private final Map<String, EnvironmentFeed> environments = new LinkedHashMap<>();
        private long last;
        private Plan plan;
        private boolean dropped;
        private String failing;
        private boolean pending;

        ProjectFeed(ProjectHome home) {
            this.home = home;
            this.last = -1;
        }

        synchronized boolean add(String environment, Caller caller, Follower follower) throws Exception {
            if (dropped) return false;
            if (last < 0) {
                // The last event is read before the state, so that a change stored in between is looked at again.
                last = lastEvent(home.store().eventsAfter("", 0), 0);
                plan = home.plan();
            }
            EnvironmentFeed feed = environments.get(environment);
            if (feed == null) {
                feed = new EnvironmentFeed(new FlagStates(home.store()).export(plan, environment), last);
                environments.put(environment, feed);
            }
            if (follower.send(feed.connected())) feed.seats.add(new Seat(follower, caller));
            return true;
        }

        synchronized void remove(Follower follower) {
            environments.values().forEach(feed -> feed.seats.removeIf(seat -> seat.follower() == follower));
        }

        synchronized void callers(Set<Caller> into) {
            environments.values().forEach(feed -> feed.seats.forEach(seat -> into.add(seat.caller())));
        }

        synchronized void cut(Map<Caller, Lapse> lapsed) {
            for (EnvironmentFeed feed : environments.values()) {
                for (Seat seat : List.copyOf(feed.seats)) {
                    Lapse lapse = lapsed.get(seat.caller());
                    if (lapse == null) continue;
                    feed.seats.remove(seat);
                    seat.follower().cut(lapse);
                }
            }
        }

        /** Looks for changes once and sends them on; false when nobody follows any more and the feed is dropped. */
        synchronized boolean poll(boolean idle) {
            environments.values().removeIf(feed -> feed.seats.isEmpty());
            if (environments.isEmpty()) {
                dropped = true;
                return false;
            }
            try {
                List<Event> fresh = home.store().eventsAfter("", last);
                if (!fresh.isEmpty()) {
                    last = lastEvent(fresh, last);
                    pending = true;
                }
                // A fetch may have moved the clone to a plan that declares other flags.
                Plan now = home.plan();
                if (now != plan) {
                    plan = now;
                    pending = true;
                }
            } catch (Exception e) {
                // Said once, not ten times a second, while the same failure lasts (a plan broken by a fetch, say);
                // a change already found stays pending until the states can be read.
                if (!String.valueOf(e.getMessage()).equals(failing))
                    log.error("cannot look for flag changes of project " + home.name(), e);
                failing = String.valueOf(e.getMessage());
                if (idle) environments.values().forEach(feed -> give(feed, STILL_HERE));
                return true;
            }
            failing = null;
            boolean changed = pending;
            pending = false;
            for (Map.Entry<String, EnvironmentFeed> entry : environments.entrySet()) {
                EnvironmentFeed feed = entry.getValue();
                boolean sent = changed && update(entry.getKey(), feed);
                if (!sent && idle) give(feed, STILL_HERE);
            }
            return true;
        }

        /** Sends the environment's changes, when there are any; true when something was sent. */
        private boolean update(String environment, EnvironmentFeed feed) {
            FlagState now;
            try {
                now = new FlagStates(home.store()).export(plan, environment);
            } catch (Exception e) {
                log.error("cannot read the flags of " + home.name() + " in " + environment, e);
                return false;
            }
            long eventId = Math.max(last, feed.eventId + 1);
            Optional<String> delta = UnleashDeltas.between(feed.state, now, eventId, home.name());
            if (delta.isEmpty()) return false;
            feed.state = now;
            feed.eventId = eventId;
            feed.connected = null;
            give(feed, event("unleash-updated", delta.get()));
            return true;
        }

        /**
         * The same bytes to every stream of the environment; those that are gone are let go. Many streams are written
         * by several threads at once, each its share, so that the last stream is not kept waiting behind all the others'
         * writes.
         */
        private void give(EnvironmentFeed feed, byte[] bytes) {
            List<Seat> seats = List.copyOf(feed.seats);
            int parts = Math.min(WRITERS, Math.max(1, seats.size() / STREAMS_PER_WRITER));
            List<Future<List<Seat>>> others = new ArrayList<>();
            for (int part = 1; part < parts; part++) {
                List<Seat> share = seats.subList(part * seats.size() / parts, (part + 1) * seats.size() / parts);
                try {
                    others.add(writers.submit(() -> write(share, bytes)));
                } catch (RejectedExecutionException closing) {
                    return; // the server is stopping
                }
            }
            feed.seats.removeAll(write(seats.subList(0, seats.size() / parts), bytes));
            for (Future<List<Seat>> other : others) {
                try {
                    feed.seats.removeAll(other.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    log.error("cannot write to the flag streams of " + home.name(), e.getCause());
                }
            }
        }
    }

    /** Writes to each stream; those that are gone. */
    private static List<Seat> write(List<Seat> seats, byte[] bytes) {
        List<Seat> gone = new ArrayList<>();
        for (Seat seat : seats) {
            if (!seat.follower().send(bytes)) gone.add(seat);
        }
        return gone;
    }

    private static long lastEvent(List<Event> events, long otherwise) {
        return events.isEmpty() ? otherwise : events.get(events.size() - 1).sequence();
    }

    private static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
