package dev.gantry.rollout;

import dev.gantry.store.Anchors;
import dev.gantry.store.Event;
import dev.gantry.store.Lease;
import dev.gantry.store.NewEvent;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that dies after {@code survive} appends: a coordinator killed between two of its events. */
final class CrashingStore implements Store {
    private final Store store;
    private int left;

    CrashingStore(Store store, int survive) {
        this.store = store;
        this.left = survive;
    }

    @Override
    public Event append(NewEvent event) throws StoreException {
        if (left-- <= 0) throw new StoreException("crash injected");
        return store.append(event);
    }

    @Override
    public List<Event> appendAll(List<NewEvent> events) throws StoreException {
        if ((left -= events.size()) < 0) throw new StoreException("crash injected");
        return store.appendAll(events);
    }

    @Override
    public List<Event> events(String release, String kind) throws StoreException {
        return store.events(release, kind);
    }

    @Override
    public List<Event> eventsAfter(String release, long sequence) throws StoreException {
        return store.eventsAfter(release, sequence);
    }

    @Override
    public Optional<Lease> acquire(String environment, String holder, String runId, Instant now, Duration ttl)
            throws StoreException {
        return store.acquire(environment, holder, runId, now, ttl);
    }

    @Override
    public boolean renew(String environment, String holder, Instant now, Duration ttl) throws StoreException {
        return store.renew(environment, holder, now, ttl);
    }

    @Override
    public void release(String environment, String holder) throws StoreException {
        store.release(environment, holder);
    }

    @Override
    public Optional<Lease> lease(String environment) throws StoreException {
        return store.lease(environment);
    }

    @Override
    public Anchors anchors() {
        return store.anchors();
    }

    @Override
    public dev.gantry.store.Evidence evidence() {
        return store.evidence();
    }

    @Override
    public void close() {}
}
