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
 * The {@code events} table over JDBC, in SQL that H2 and PostgreSQL both run. Rows are only inserted. Calls on one
 * connection must not overlap, since a batch of events is a transaction of its own.
 */
final class EventTable {

    private static final String INSERT =
            "INSERT INTO events (at, release, environment, kind, actor, payload) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT sequence, at, release, environment, kind, actor, payload FROM events";

    private final Connection connection;

    EventTable(Connection connection) {
        this.connection = connection;
    }

    Event append(NewEvent event) throws SQLException {
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

    /** Appends the events in one transaction: all of them or, on a failure, none. */
    List<Event> appendAll(List<NewEvent> events) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Event> stored = new ArrayList<>(events.size());
            for (NewEvent event : events) {
                stored.add(append(event));
            }
            connection.commit();
            return stored;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    List<Event> events(String release, String kind) throws SQLException {
        List<String> where = new ArrayList<>();
        if (release != null) where.add("release = ?");
        if (kind != null) where.add("kind = ?");
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY sequence";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (release != null) select.setString(parameter++, release);
            if (kind != null) select.setString(parameter, kind);
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
        }
    }
}
