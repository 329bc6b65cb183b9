package dev.gantry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gantry's state: an append-only log of events per release, and the leases that let one run at a time into each
 * environment. Events are never updated or deleted; what is true now (the approvals given, the items ticked, the
 * last gate) is read from them. Leases are not facts but locks, kept in place. Embedded H2 by default; the same
 * interface can be met by PostgreSQL for a shared server.
 *
 * <p>A call that writes returns once what it wrote is durable. Time is always the caller's ({@code now}), never
 * the database's, so that runs follow the injected clock and the virtual time of tests.
 */
public interface Store extends AutoCloseable {

    /** Appends one event and returns it with its sequence number. */
    Event append(NewEvent event) throws StoreException;

    /**
     * Appends the events in order, all of them or, when one cannot be stored, none, and returns them with their
     * sequence numbers. One transaction and one wait for the disk for them all, where {@link #append} takes one
     * each: the way to store what is known at the same moment, such as the samples of one watch-window tick.
     */
    List<Event> appendAll(List<NewEvent> events) throws StoreException;

    /**
     * The events of a release of one kind, oldest first; every kind when {@code kind} is null, every release when
     * {@code release} is null.
     */
    List<Event> events(String release, String kind) throws StoreException;

    /** The events of a release (every release when null) whose sequence number is above {@code sequence}, oldest first. */
    List<Event> eventsAfter(String release, long sequence) throws StoreException;

    /**
     * Takes the lease of {@code environment} for {@code holder} until {@code now + ttl}: when no one holds it, when
     * its lease has expired at {@code now}, or when {@code holder} already holds it (then its run id and expiry are
     * replaced). Atomic: of several stores on the same database racing for a free lease, exactly one gets it.
     *
     * @return the lease taken, or empty when another holder's lease is still in force
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    Optional<Lease> acquire(String environment, String holder, String runId, Instant now, Duration ttl)
            throws StoreException;

    /**
     * Pushes the lease's expiry to {@code now + ttl} if {@code holder} still holds it, also when it has expired and no
     * one has taken it since: no other run can have entered the environment in between.
     *
     * @return false when the holder has lost the lease (another holder took it, or it was released)
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    boolean renew(String environment, String holder, Instant now, Duration ttl) throws StoreException;

    /** Gives the lease up if {@code holder} holds it; does nothing otherwise, so that it can be repeated. */
    void release(String environment, String holder) throws StoreException;

    /** The lease of {@code environment} as stored, expired or not; empty when none was taken or it was released. */
    Optional<Lease> lease(String environment) throws StoreException;

    /** The last link of each run's chain, kept apart from the events so that a database that lost some shows it. */
    Anchors anchors();

    /** The files uploaded for commits as evidence for their gates. */
    Evidence evidence();

    @Override
    void close() throws StoreException;
}
