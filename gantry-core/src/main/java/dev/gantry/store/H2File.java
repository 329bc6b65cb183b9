package dev.gantry.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.h2.api.ErrorCode;

/**
 * The state database's file, {@code gantry.mv.db} in the state folder, and how Gantry's processes open it together:
 * the first to open it serves it to the others over TCP on the loopback interface (H2's automatic mixed mode). When
 * the serving process ends or dies, the next connection of another takes the file over and serves it in turn;
 * after a kill, H2 first makes sure that no one answers at the socket the dead process's lock file names, and waits
 * until that file is two seconds old.
 *
 * <p>A process that only reads and soon ends may read it alone instead, while no other process holds it: read-only,
 * as other such readers may at the same time. That costs about half as much as opening the shared connection (no
 * server to start, nothing to tidy up on closing); a process that wants to write waits until the readers are done.
 * A process that writes a few events and soon ends, such as {@code gantry tick}, may likewise write it alone: with
 * the same durability, but without starting a server; others that open the file meanwhile wait until it is done, as
 * a writer waits for the readers.
 */
final class H2File {

    static final String USER = "sa";
    static final String PASSWORD = "";

    private static final String NAME = "gantry";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    // H2 writes a commit to the file before the commit returns only with WRITE_DELAY=0. Its default, 500 ms, keeps
    // up to half a second of commits in memory, and a killed process loses them. The serving process applies the
    // settings of every connection, so this holds whichever process serves.
    // FILE_LOCK=SOCKET: the lock file names a socket its owner listens on, so that a process that finds no one
    // there knows at once that the owner is dead. The default method waits two seconds more on every takeover,
    // and 25 ms on every open.
    // MAX_COMPACT_TIME: closing the file after a write compacts it, by default in rounds, each forced to the disk,
    // until 200 ms have passed; on a small file that is mostly rounds that gain nothing more. One round (any limit
    // shorter than a round) kept the file about as small over 500 writing opens and closes (124 KB against 120 KB),
    // closing in 16 ms on average instead of 53.
    private static final String WRITES = ";WRITE_DELAY=0;FILE_LOCK=SOCKET;MAX_COMPACT_TIME=1";
    private static final String SHARED = WRITES + ";AUTO_SERVER=TRUE";
    // Failing to open alone is expected, and H2 would write each failure to a trace file beside the database.
    private static final String QUIET = ";TRACE_LEVEL_FILE=0";
    private static final String READ_ONLY = ";ACCESS_MODE_DATA=r" + QUIET;
    // Within one process H2 opens a database once, in the mode of its first connection: a shared connection opened
    // while another store of the process holds the file alone would be read-only too, or not served to the others.
    // So opening one waits for those: those of the same file only, since H2 keeps each database apart (a process
    // with stores of several folders, such as a server with several projects, must not wait on another folder's).
    private static final java.util.concurrent.ConcurrentMap<Path, StampedLock> IN_THIS_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static {
        // H2 reads this once, when it starts; unset, its server and lock socket listen on every network interface.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final Path file;
    private final Path lockFile; // there while a process serves or writes the file, or after one died doing so
    private final String url;
    private final String readOnlyUrl;
    private final String writeAloneUrl;

    /** Held to read while a store of this process holds the file alone; to write while one opens it shared. */
    private final StampedLock openings;

    private H2File(Path file, String base) {
        this.file = file;
        this.openings = IN_THIS_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new StampedLock());
        this.lockFile = file.resolveSibling(NAME + ".lock.db");
        this.url = base + SHARED;
        this.readOnlyUrl = base + READ_ONLY;
        this.writeAloneUrl = base + WRITES + QUIET;
    }

    /** A connection to the file held alone: read-only with other readers, or to write; closing it lets others in. */
    static final class Alone implements AutoCloseable {

        private final Connection connection;
        private final StampedLock lock;
        private final long stamp;

        private Alone(Connection connection, StampedLock lock, long stamp) {
            this.connection = connection;
            this.lock = lock;
            this.stamp = stamp;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.close();
            } finally {
                lock.unlockRead(stamp);
            }
        }
    }

    /** The database file in {@code stateDir}, which is created if missing; the file is created by the first open. */
    static H2File in(Path stateDir) throws StoreException {
        Path file = stateDir.resolve(NAME + ".mv.db");
        try {
            Files.createDirectories(stateDir);
            ownerOnly(stateDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the state folder " + stateDir + ": " + e, e);
        }
        Path base = stateDir.toAbsolutePath().resolve(NAME);
        // H2 reads settings after a semicolon in the URL, so such a path would open some other database.
        if (base.toString().contains(";")) {
            throw new StoreException("cannot open the state database " + file + ": its path must not contain ';'");
        }
        return new H2File(file, "jdbc:h2:file:" + base);
    }

    /**
     * Keeps the state folder to its owner: the lock file in it names the loopback port the serving process listens on
     * and the key that lets a connection in, which another user of the machine must not read.
     */
    private static void ownerOnly(Path stateDir) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(stateDir, PosixFileAttributeView.class);
        if (posix == null) return;
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rwx------");
        if (!posix.readAttributes().permissions().equals(owner)) {
            try {
                posix.setPermissions(owner);
            } catch (IOException e) {
                // A folder of another owner that this user may still use (a shared checkout): left as it is.
            }
        }
    }

    Path path() {
        return file;
    }

    /** The JDBC address every Gantry process opens the database with. */
    String url() {
        return url;
    }

    /**
     * Whether a call may have failed because the process serving the database is gone (killed, or ended and closed
     * it): then it may be made again on a new connection, which reaches the process serving it now, or serves it
     * itself. A connection to a process that ended fails with an I/O error (its socket closed), which a local file
     * can fail with too; making the call again is then merely in vain.
     */
    static boolean serverGone(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.CONNECTION_BROKEN_1,
                    ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
                    ErrorCode.DATABASE_IS_CLOSED,
                    ErrorCode.IO_EXCEPTION_1,
                    ErrorCode.IO_EXCEPTION_2 -> true;
            default -> false;
        };
    }

    /**
     * Opens the file to read it alone. Empty when that cannot be: there is no database yet, or a process holds the
     * file, serving it or not; then a shared connection reads it.
     */
    Optional<Alone> readAlone() throws StoreException {
        return alone(readOnlyUrl);
    }

    /**
     * Opens the file to write it alone, without serving it to other processes. Empty when that cannot be: there is
     * no database yet, a process holds the file, serving it or not, or another store of this process reads it alone;
     * then a shared connection writes it.
     */
    Optional<Alone> writeAlone() throws StoreException {
        Optional<Alone> alone = alone(writeAloneUrl);
        if (alone.isEmpty() || !readOnly(alone.get())) {
            return alone;
        }
        try {
            alone.get().close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the state database " + file + ": " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    /** Another connection to the file this process writes alone, for a store's thread that forces it to the disk. */
    Connection connectAlone() throws StoreException {
        try {
            return DriverManager.getConnection(writeAloneUrl, USER, PASSWORD);
        } catch (SQLException e) {
            throw new StoreException("cannot open the state database " + file + ": " + explain(e), e);
        }
    }

    private Optional<Alone> alone(String aloneUrl) throws StoreException {
        if (!Files.exists(file) || Files.exists(lockFile)) {
            return Optional.empty();
        }
        long stamp = openings.readLock();
        try {
            return Optional.of(new Alone(DriverManager.getConnection(aloneUrl, USER, PASSWORD), openings, stamp));
        } catch (SQLException e) {
            openings.unlockRead(stamp);
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return Optional.empty();
            }
            throw new StoreException("cannot open the state database " + file + ": " + explain(e), e);
        }
    }

    /** Whether this process has the database open read-only: then a connection to write it is read-only too. */
    private boolean readOnly(Alone alone) throws StoreException {
        try {
            return alone.connection().isReadOnly();
        } catch (SQLException e) {
            try {
                alone.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new StoreException("cannot open the state database " + file + ": " + explain(e), e);
        }
    }

    /**
     * Opens a shared connection: to the database in this process, or to the process serving it. Waits at most {@code
     * patience} while a process that does not share the file holds it (an older Gantry, or a tool that opened it).
     */
    Connection connect(Duration patience) throws StoreException {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            SQLException failure;
            long stamp = inThisProcess(deadline);
            try {
                return DriverManager.getConnection(url, USER, PASSWORD);
            } catch (SQLException e) {
                failure = e;
            } finally {
                openings.unlockWrite(stamp);
            }
            boolean inUse = failure.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1;
            // Mostly a race of two processes taking over the file of a dead one, which one of them loses.
            boolean notOpened = failure.getErrorCode() == ErrorCode.ERROR_OPENING_DATABASE_1;
            long left = deadline - System.nanoTime();
            if (!inUse && !(notOpened && left > 0)) {
                throw new StoreException("cannot open the state database " + file + ": " + explain(failure), failure);
            }
            if (left <= 0) {
                throw new StoreException(
                        "the state database " + file
                                + " is in use by another Gantry process; try again when it has finished",
                        failure);
            }
            pauseFor(Duration.ofNanos(Math.min(pause.toNanos(), left)), failure);
            pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
        }
    }

    /** Waits, until the deadline at most, for the stores of this process that read the file alone to be done. */
    private long inThisProcess(long deadline) throws StoreException {
        try {
            long stamp = openings.tryWriteLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (stamp != 0) return stamp;
            if (openings.isReadLocked()) {
                throw new StoreException("the state database " + file
                        + " is held alone by another store of this process, which is still open");
            }
            // Another thread of this process is opening a connection: that takes moments, whatever the patience.
            return openings.writeLockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the state database " + file, e);
        }
    }

    private static String explain(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.IO_EXCEPTION_1, ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 ->
                "it is damaged, not an H2 database of a version Gantry reads, or not readable (" + e.getMessage() + ")";
            default -> e.getMessage();
        };
    }

    private void pauseFor(Duration pause, SQLException inUse) throws StoreException {
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
}
