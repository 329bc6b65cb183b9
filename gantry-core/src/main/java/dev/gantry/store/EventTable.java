package dev.gantry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code events} table over JDBC, in SQL that H2 and PostgreSQL both run: the shared SQL of every JDBC store,
 * public so that a store of another module (PostgreSQL on a server) runs the same statements as {@link H2Store}. Rows
 * are only inserted. Calls on one connection, which is in auto-commit between them, must not overlap, since appending
 * is a transaction of its own. The table is found as the connection resolves unqualified names (its schema).
 */
public final class EventTable {

    private static final String INSERT =
            "INSERT INTO events (at, release, environment, kind, actor, payload) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT sequence, at, release, environment, kind, actor, payload FROM events";

    private final Connection connection;

    public EventTable(Connection connection) {
        this.connection = connection;
    }

    /**
     * Appends the events in one transaction, all of them or, on a failure, none. Never in auto-commit: a driver that
     * reconnects by itself may send a statement of that mode again (H2 does, to the process that takes over serving
     * the database), which would store the event twice.
     *
     * @throws UnconfirmedCommit when the commit was sent but not answered: the events may be stored or not
     */
    public List<Event> appendAll(List<NewEvent> events) throws SQLException {
        connection.setAutoCommit(false);
        List<Event> stored = new ArrayList<>(events.size());
        try {
            for (NewEvent event : events) {
                stored.add(insert(event));
            }
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new UnconfirmedCommit(stored, e);
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // Committed: the events are stored, and the next call meets the broken connection and reconnects.
        }
        return stored;
    }

    /**
     * Whether events whose commit went unanswered are stored: as one transaction, all of them or none, so the first
     * tells. It must be there with every field as appended; another process may have been given its sequence number.
     */
    boolean stored(List<Event> events) throws SQLException {
        Event first = events.get(0);
        try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE sequence = ?")) {
            select.setLong(1, first.sequence());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && event(rows).equals(first);
            }
        }
    }

    /** A commit sent and not answered, as when the process serving the database dies: it may have been made. */
    static final class UnconfirmedCommit extends SQLException {

        private final transient List<Event> events;

        UnconfirmedCommit(List<Event> events, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.events = List.copyOf(events);
        }

        /** The events as they were appended, sequence numbers included, should the commit have been made. */
        List<Event> events() {
            return events;
        }
    }

    private Event insert(NewEvent event) throws SQLException {
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
                    throw new SQLException("the database returned no sequence for the new event");
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
        }
    }

    /** Rolls back and returns to auto-commit; what fails here, on a connection already failing, goes with the cause. */
    private void rollbackQuietly(SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** As {@link Store#events}. */
    public List<Event> events(String release, String kind) throws SQLException {
        return events(release, kind, 0);
    }

    /** As {@link Store#events}, only those whose sequence number is above {@code after}. */
    public List<Event> events(String release, String kind, long after) throws SQLException {
        List<String> where = new ArrayList<>();
        if (release != null) where.add("release = ?");
        if (kind != null) where.add("kind = ?");
        if (after > 0) where.add("sequence > ?");
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY sequence";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (release != null) select.setString(parameter++, release);
            if (kind != null) select.setString(parameter++, kind);
            if (after > 0) select.setLong(parameter, after);
            try (ResultSet rows = select.executeQuery()) {
                List<Event> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(event(rows));
                }
                return events;
            }
        }
    }

    private static Event event(ResultSet row) throws SQLException {
        return new Event(
                row.getLong(1),
                row.getObject(2, OffsetDateTime.class).toInstant(),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7));
    }
}
