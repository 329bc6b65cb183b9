package dev.gantry.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;

/**
 * The store in an embedded H2 database file, {@code gantry.mv.db} in the state folder. One connection per store;
 * H2 locks the file, so a second Gantry process waits a little for the first to finish and then gives up.
 */
public final class H2Store implements Store {

    static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(5);

    private static final String NAME = "gantry";
    private static final String USER = "sa";
    private static final String PASSWORD = "";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

    private static final String INSERT =
            "INSERT INTO events (at, release, environment, kind, actor, payload) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT sequence, at, release, environment, kind, actor, payload FROM events";

    private final Connection connection;
    private final Path file;

    private H2Store(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the database in {@code stateDir} and brings its schema up to date. */
    public static H2Store open(Path stateDir) throws StoreException {
        return open(stateDir, DEFAULT_PATIENCE);
    }

    /** As {@link #open(Path)}, waiting at most {@code patience} for another process to release the file. */
    static H2Store open(Path stateDir, Duration patience) throws StoreException {
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
        String url = "jdbc:h2:file:" + base;
        Connection connection = connect(url, file, patience);
        try {
            SchemaMigration.migrate(url, USER, PASSWORD, file);
        } catch (StoreException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return new H2Store(connection, file);
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
        // Both databases keep microseconds; cutting here makes the returned event equal to the one read back.
        Instant at = event.at().truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setString(2, event.release());
            insert.setString(3, event.environment());
            insert.setString(4, event.kind());
            insert.setString(5, event.actor());
            insert.setString(6, event.payload());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StoreException("the state database " + file + " returned no sequence for the new event");
                }
                return new Event(
                        keys.getLong(1),
                        at,
                        event.release(),
                        event.environment(),
                        event.kind(),
                        event.actor(),
                        event.payload());
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot append a " + event.kind() + " event of release " + event.release()
                            + " to the state database " + file + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public List<Event> events(String release, String kind) throws StoreException {
        String sql = SELECT + " WHERE release = ?" + (kind == null ? "" : " AND kind = ?") + " ORDER BY sequence";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, release);
            if (kind != null) {
                select.setString(2, kind);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<Event> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new Event(
                            rows.getLong(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7)));
                }
                return events;
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the events of release " + release + " from the state database " + file + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the state database " + file + ": " + e.getMessage(), e);
        }
    }
}
