package dev.gantry.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.h2.api.ErrorCode;

/**
 * The store in an embedded H2 database file, {@code gantry.mv.db} in the state folder. H2 locks the file, so a
 * second Gantry process waits a little for the first to finish and then gives up; within one process, several
 * stores may be open on the same folder, and race for leases in the database as separate processes would on
 * PostgreSQL.
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

    private static final String NAME = "gantry";
    private static final String USER = "sa";
    private static final String PASSWORD = "";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    // H2 writes a commit to the file before the commit returns only with WRITE_DELAY=0. Its default, 500 ms, keeps
    // up to half a second of commits in memory, and a killed process loses them.
    private static final String SETTINGS = ";WRITE_DELAY=0";

    private final Connection connection; // guarded by this, as are the tables on it
    private final EventTable events;
    private final LeaseTable leases;
    private final GroupSync disk; // null when writes are not forced to the disk
    private final Path file;

    private H2Store(Connection connection, GroupSync disk, Path file) {
        this.connection = connection;
        this.events = new EventTable(connection);
        this.leases = new LeaseTable(connection);
        this.disk = disk;
        this.file = file;
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

    /** As {@link #open(Path)}, waiting at most {@code patience} for another process to release the file. */
    static H2Store open(Path stateDir, Duration patience) throws StoreException {
        return open(stateDir, Durability.POWER_CUT, patience);
    }

    private static H2Store open(Path stateDir, Durability durability, Duration patience) throws StoreException {
        Path file = stateDir.resolve(NAME + ".mv.db");
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the state folder " + stateDir + ": " + e, e);
        }
        Path base = stateDir.toAbsolutePath().resolve(NAME);
        // H2 reads settings after a semicolon in the URL, so such a path would open some other database.
        if (base.toString().contains(";")) {
            throw new StoreException("cannot open the state database " + file + ": its path must not contain ';'");
        }
        String url = "jdbc:h2:file:" + base + SETTINGS;
        Connection connection = connect(url, file, patience);
        try {
            SchemaMigration.migrate(connection, url, USER, PASSWORD, file);
            // The file is open in this process now, so the second connection does not wait.
            GroupSync disk = durability == Durability.POWER_CUT ? new GroupSync(connect(url, file, patience)) : null;
            return new H2Store(connection, disk, file);
        } catch (StoreException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    private static Connection connect(String url, Path file, Duration patience) throws StoreException {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return DriverManager.getConnection(url, USER, PASSWORD);
            } catch (SQLException e) {
                if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
                    throw new StoreException("cannot open the state database " + file + ": " + explain(e), e);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreException(
                            "the state database " + file
                                    + " is in use by another Gantry process; try again when it has finished",
                            e);
                }
                pauseFor(Duration.ofNanos(Math.min(pause.toNanos(), left)), file, e);
                pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
            }
        }
    }

    private static String explain(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.IO_EXCEPTION_1, ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 ->
                "it is damaged, not an H2 database of a version Gantry reads, or not readable (" + e.getMessage() + ")";
            default -> e.getMessage();
        };
    }

    private static void pauseFor(Duration pause, Path file, SQLException inUse) throws StoreException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StoreException interrupted =
                    new StoreException("interrupted while waiting for the state database " + file, e);
            interrupted.addSuppressed(inUse);
            throw interrupted;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
        return write(
                "cannot append a " + event.kind() + " event of release " + event.release() + " to " + database(),
                () -> events.append(event));
    }

    @Override
    public List<Event> appendAll(List<NewEvent> batch) throws StoreException {
        if (batch.isEmpty()) {
            return List.of();
        }
        NewEvent first = batch.get(0);
        return write(
                "cannot append " + batch.size() + " events, the first a " + first.kind() + " event of release "
                        + first.release() + ", to " + database(),
                () -> events.appendAll(batch));
    }

    @Override
    public synchronized List<Event> events(String release, String kind) throws StoreException {
        try {
            return events.events(release, kind);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the events of release " + release + " from " + database() + ": " + e.getMessage(), e);
        }
    }

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
    public synchronized Optional<Lease> lease(String environment) throws StoreException {
        try {
            return leases.lease(environment);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the lease of environment " + environment + " from " + database() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private interface Write<T> {
        T run() throws SQLException;
    }

    /** Runs a write on the connection, then waits until it is on the disk, where the durability asks for it. */
    private <T> T write(String failure, Write<T> write) throws StoreException {
        T result;
        long commit;
        synchronized (this) {
            try {
                result = write.run();
            } catch (SQLException e) {
                throw new StoreException(failure + ": " + e.getMessage(), e);
            }
            commit = disk == null ? 0 : disk.committed();
        }
        if (disk != null) {
            try {
                disk.await(commit);
            } catch (SQLException e) {
                throw new StoreException(failure + ": cannot force it to the disk: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private String database() {
        return "the state database " + file;
    }

    @Override
    public synchronized void close() throws StoreException {
        try (GroupSync closing = disk) {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + database() + ": " + e.getMessage(), e);
        }
    }
}
