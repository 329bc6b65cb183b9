package dev.gantry.store;

import java.util.List;

/**
 * Gantry's state: an append-only log of events per release. Nothing is updated or deleted; what is true now
 * (the approvals given, the items ticked, the last gate) is read from the events. Embedded H2 by default; the
 * same interface can be met by PostgreSQL for a shared server.
 */
public interface Store extends AutoCloseable {

    /** Appends one event and returns it with its sequence number. */
    Event append(NewEvent event) throws StoreException;

    /** The events of a release of one kind, oldest first; every kind when {@code kind} is null. */
    List<Event> events(String release, String kind) throws StoreException;

    @Override
    void close() throws StoreException;
}
