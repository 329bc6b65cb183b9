package dev.gantry.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store in an H2 database file, {@code gantry.mv.db} in the state folder, which the Gantry processes of the
 * machine share (see {@link H2File}): {@code gantry status}, {@code approve} or {@code decide} read and write it while
 * a run holds it open for hours. Within one process, several stores may be open on the same folder, and race for
 * leases in the database as separate processes do.
 *
 * <p>A call whose connection is lost because the process serving the database died is made again on a new
 * connection, once. Reads and the lease's writes can simply be repeated; an append whose commit went unanswered is
 * looked up first, so that no event is stored twice or lost.
 *
 * <p>Thread-safe: the calls on one store take turns on its one connection (taking a lease is a transaction, which
 * another thread's statements must not join), except for the wait for the disk, which threads share (see {@link
 * GroupSync}).
 */
public final class H2Store implements Store {

    /** What a write survives once its call has returned. */
    public enum Durability {
        /** The process being killed (kill -9, out of memory): the write is in the operating system's file cache. */
        KILL,
        /** Also a power cut or a crash of the machine: the write is forced to the disk (fsync). The default. */
        POWER_CUT
    }

    static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(5);

    private final H2File file;
    private final Duration patience;
    private final GroupSync disk; // null when writes are not forced to the disk
    private final Anchors anchors;
    private H2File.Alone alone; // guarded by this, as all below: the file held alone (read alone until a write)
    private boolean writesAlone; // the file is held alone to write it, and never shared
    private Connection connection; // the shared connection, once there is one
    private EventTable events; // on the connection in use
    private LeaseTable leases;
    private boolean closed;

    private H2Store(H2File file, Duration patience, GroupSync disk) {
        this.file = file;
        this.patience = patience;
        this.disk = disk;
        this.anchors = new AnchorFiles(file.path().toAbsolutePath().getParent().resolve("anchors"));
    }

    @Override
    public Anchors anchors() {
        return anchors;
    }

    @Override
    public Evidence evidence() {
        return new Evidence() {
            @Override
            public void put(Upload upload, Path content) throws StoreException {
                write(
                        "cannot store the evidence " + upload.path() + " of commit " + upload.commit() + " in "
                                + database(),
                        () -> {
                            new EvidenceTable(connection()).put(upload, content);
                            return null;
                        });
            }

            @Override
            public List<Upload> of(String commit) throws StoreException {
                return read(
                        "cannot read the evidence of commit " + commit + " from " + database(),
                        () -> new EvidenceTable(connection()).of(commit));
            }

            @Override
            public boolean copy(Upload upload, Path target) throws StoreException {
                return read(
                        "cannot read the evidence " + upload.path() + " of commit " + upload.commit() + " from "
                                + database(),
                        () -> new EvidenceTable(connection()).copy(upload, target));
            }
        };
    }

    /** The connection in use: the file held alone, or shared. Called within {@link #call} or {@link #read}. */
    private Connection connection() {
        return alone != null ? alone.connection() : connection;
    }

    /**
     * Opens (creating if needed) the database in {@code stateDir} and brings its schema up to date. Writes survive a
     * power cut once their call has returned.
     */
    public static H2Store open(Path stateDir) throws StoreException {
        return open(stateDir, Durability.POWER_CUT, DEFAULT_PATIENCE);
    }

    /** As {@link #open(Path)}, with writes as durable as {@code durability} says. */
    public static H2Store open(Path stateDir, Durability durability) throws StoreException {
        return open(stateDir, durability, DEFAULT_PATIENCE);
    }

    /** As {@link #open(Path)}, waiting at most {@code patience} for a process that does not share the file. */
    static H2Store open(Path stateDir, Duration patience) throws StoreException {
        return open(stateDir, Durability.POWER_CUT, patience);
    }

    /**
     * Opens the store for a process that reads it and soon ends, such as {@code gantry status}. While no other
     * process holds the file, it reads it alone (see {@link H2File}), which costs less than sharing it, and keeps
     * processes that want to write out until it is closed. Otherwise, and from its first write on, it shares the file
     * as {@link #open(Path)} does.
     */
    public static H2Store openToRead(Path stateDir) throws StoreException {
        H2File file = H2File.in(stateDir);
        H2Store store = new H2Store(file, DEFAULT_PATIENCE, new GroupSync(() -> file.connect(DEFAULT_PATIENCE)));
        synchronized (store) {
            store.alone = file.readAlone().orElse(null);
            if (store.alone != null && SchemaMigration.current(store.alone.connection())) {
                store.use(store.alone.connection());
                return store;
            }
        }
        return store.migrated(); // a new database, a migration to make, or a file another process holds
    }

    /**
     * Opens the store for a process that writes a few events and soon ends, such as {@code gantry tick}. While no
     * other process holds the file, it writes it alone (see {@link H2File}): its writes are as durable as those of
     * {@link #open(Path)}, but it starts no server, and other processes that open the file wait until it is closed.
     * Otherwise it shares the file as {@link #open(Path)} does.
     */
    public static H2Store openToWrite(Path stateDir) throws StoreException {
        H2File file = H2File.in(stateDir);
        Optional<H2File.Alone> alone = file.writeAlone();
        if (alone.isPresent()) {
            H2Store store = new H2Store(file, DEFAULT_PATIENCE, new GroupSync(file::connectAlone));
            synchronized (store) {
                store.alone = alone.get();
                store.writesAlone = true;
                if (SchemaMigration.current(store.alone.connection())) {
                    store.use(store.alone.connection());
                    return store;
                }
            }
            store.close(); // a migration to make, which Flyway makes on a shared connection
        }
        return open(stateDir);
    }

    private static H2Store open(Path stateDir, Durability durability, Duration patience) throws StoreException {
        H2File file = H2File.in(stateDir);
        GroupSync disk = durability == Durability.POWER_CUT ? new GroupSync(() -> file.connect(patience)) : null;
        return new H2Store(file, patience, disk).migrated();
    }

    /** Opens the shared connection and brings the schema up to date: this store, ready. */
    private H2Store migrated() throws StoreException {
        try {
            synchronized (this) {
                shared();
                SchemaMigration.migrate(connection, file.url(), H2File.USER, H2File.PASSWORD, file.path());
            }
            return this;
        } catch (StoreException e) {
            try {
                close();
            } catch (StoreException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Opens the shared connection if there is none yet; the file is no longer read alone. */
    private void shared() throws StoreException {
        if (connection != null) {
            return;
        }
        closeAlone();
        connection = file.connect(patience);
        use(connection);
    }

    private void closeAlone() throws StoreException {
        if (alone == null) {
            return;
        }
        try (H2File.Alone closing = alone) {
            alone = null;
            events = null;
            leases = null;
        } catch (SQLException e) {
            throw new StoreException("cannot close " + database() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Event append(NewEvent event) throws StoreException {
        return appendAll(
                        "cannot append a " + event.kind() + " event of release " + event.release() + " to "
                                + database(),
                        List.of(event))
                .get(0);
    }

    @Override
    public List<Event> appendAll(List<NewEvent> batch) throws StoreException {
        if (batch.isEmpty()) {
            return List.of();
        }
        NewEvent first = batch.get(0);
        return appendAll(
                "cannot append " + batch.size() + " events, the first a " + first.kind() + " event of release "
                        + first.release() + ", to " + database(),
                batch);
    }

    private List<Event> appendAll(String failure, List<NewEvent> batch) throws StoreException {
        return write(failure, () -> events.appendAll(batch), gone -> {
            if (gone instanceof EventTable.UnconfirmedCommit unconfirmed && events.stored(unconfirmed.events())) {
                return unconfirmed.events();
            }
            return events.appendAll(batch);
        });
    }

    @Override
    public List<Event> events(String release, String kind) throws StoreException {
        return read(
                "cannot read the events of release " + release + " from " + database(),
                () -> events.events(release, kind));
    }

    @Override
    public List<Event> eventsAfter(String release, long sequence) throws StoreException {
        return read(
                "cannot read the events of release " + release + " from " + database(),
                () -> events.events(release, null, sequence));
    }

    // The lease's writes can be made again after a lost answer: the holder takes its own lease again, renews it to
    // the same expiry, or gives up what it no longer holds, and nothing changes.

    @Override
    public Optional<Lease> acquire(String environment, String holder, String runId, Instant now, Duration ttl)
            throws StoreException {
        return write(
                "cannot take the lease of environment " + environment + " in " + database(),
                () -> leases.acquire(environment, holder, runId, now, ttl));
    }

    @Override
    public boolean renew(String environment, String holder, Instant now, Duration ttl) throws StoreException {
        return write(
                "cannot renew the lease of environment " + environment + " in " + database(),
                () -> leases.renew(environment, holder, now, ttl));
    }

    @Override
    public void release(String environment, String holder) throws StoreException {
        write("cannot release the lease of environment " + environment + " in " + database(), () -> {
            leases.release(environment, holder);
            return null;
        });
    }

    @Override
    public Optional<Lease> lease(String environment) throws StoreException {
        return read(
                "cannot read the lease of environment " + environment + " from " + database(),
                () -> leases.lease(environment));
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** What to do on a new connection after the first attempt failed with {@code gone}. */
    private interface Retry<T> {
        T after(SQLException gone) throws SQLException;
    }

    /** Reads on the connection in use: the file read alone, or shared. */
    private synchronized <T> T read(String failure, Work<T> read) throws StoreException {
        if (alone != null) {
            try {
                return read.run();
            } catch (SQLException e) {
                throw new StoreException(failure + ": " + e.getMessage(), e);
            }
        }
        return call(failure, read, gone -> read.run());
    }

    /** A write that is made again, as it is, on a new connection when the serving process has gone. */
    private <T> T write(String failure, Work<T> write) throws StoreException {
        return write(failure, write, gone -> write.run());
    }

    /** Runs a write on the connection, then waits until it is on the disk, where the durability asks for it. */
    private <T> T write(String failure, Work<T> write, Retry<T> retry) throws StoreException {
        T result;
        long commit;
        synchronized (this) {
            result = call(failure, write, retry);
            commit = disk == null ? 0 : disk.committed();
        }
        if (disk != null) {
            try {
                disk.await(commit);
            } catch (SQLException | StoreException e) {
                throw new StoreException(failure + ": cannot force it to the disk: " + e.getMessage(), e);
            }
        }
        return result;
    }

    /**
     * Runs {@code work} on the file written alone, or on the shared connection; when the serving process is gone,
     * connects again for {@code retry}.
     */
    private <T> T call(String failure, Work<T> work, Retry<T> retry) throws StoreException {
        if (closed) {
            throw new StoreException(failure + ": the store is closed");
        }
        if (writesAlone) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new StoreException(failure + ": " + e.getMessage(), e);
            }
        }
        shared();
        try {
            return work.run();
        } catch (SQLException gone) {
            if (closed || !H2File.serverGone(gone)) {
                throw new StoreException(failure + ": " + gone.getMessage(), gone);
            }
            closeQuietly(connection, gone);
            connection = null;
            try {
                shared();
                return retry.after(gone);
            } catch (SQLException | StoreException again) {
                StoreException failed = new StoreException(failure + ": " + again.getMessage(), again);
                failed.addSuppressed(gone);
                throw failed;
            }
        }
    }

    private void use(Connection connection) {
        this.events = new EventTable(connection);
        this.leases = new LeaseTable(connection);
    }

    private String database() {
        return "the state database " + file.path();
    }

    @Override
    public synchronized void close() throws StoreException {
        closed = true;
        // Closed in the reverse order: the file held alone is let go of once this process's last connection to it,
        // which closes the database, has closed.
        try (H2File.Alone held = alone;
                GroupSync syncing = disk;
                Connection shared = connection) {
            alone = null;
            events = null;
            leases = null;
        } catch (SQLException e) {
            throw new StoreException("cannot close " + database() + ": " + e.getMessage(), e);
        }
    }
}
