package dev.gantry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The {@code leases} table over JDBC, in SQL that H2 and PostgreSQL both run at their default isolation (read
 * committed): the shared SQL of every JDBC store, public so that a store of another module runs the same statements
 * as {@link H2Store}, and so takes part in races the same way. The database decides races: a conditional update that
 * waits for a competing one and then finds the lease no longer free, or a primary key that refuses the second insert
 * of a free lease. Calls on one connection must not overlap, since taking a lease is a transaction of its own. The
 * table is found as the connection resolves unqualified names (its schema).
 */
public final class LeaseTable {

    private static final String TAKE_OVER = "UPDATE leases SET holder = ?, run_id = ?, expires = ?"
            + " WHERE environment = ? AND (expires <= ? OR holder = ?)";
    private static final String TAKE_FREE =
            "INSERT INTO leases (environment, holder, run_id, expires) VALUES (?, ?, ?, ?)";
    private static final String RENEW = "UPDATE leases SET expires = ? WHERE environment = ? AND holder = ?";
    private static final String RELEASE = "DELETE FROM leases WHERE environment = ? AND holder = ?";
    private static final String SELECT = "SELECT holder, run_id, expires FROM leases WHERE environment = ?";

    /** The SQLState of a unique key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;

    public LeaseTable(Connection connection) {
        this.connection = connection;
    }

    /** As {@link Store#acquire}. */
    public Optional<Lease> acquire(String environment, String holder, String runId, Instant now, Duration ttl)
            throws SQLException {
        Lease lease = new Lease(environment, holder, runId, expiry(now, ttl));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            boolean taken = takeOver(lease, micros(now)) || takeFree(lease);
            if (taken) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return taken ? Optional.of(lease) : Optional.empty();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** An expired lease, or one the holder holds already: its row is there, and only one taker can update it. */
    private boolean takeOver(Lease lease, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(TAKE_OVER)) {
            update.setString(1, lease.holder());
            update.setString(2, lease.runId());
            update.setObject(3, timestamp(lease.expires()));
            update.setString(4, lease.environment());
            update.setObject(5, timestamp(now));
            update.setString(6, lease.holder());
            return update.executeUpdate() == 1;
        }
    }

    /** A lease never taken or released: no row yet, and the primary key lets only one taker insert it. */
    private boolean takeFree(Lease lease) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(TAKE_FREE)) {
            insert.setString(1, lease.environment());
            insert.setString(2, lease.holder());
            insert.setString(3, lease.runId());
            insert.setObject(4, timestamp(lease.expires()));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            // The row exists: held by another holder and not expired, or inserted by a taker racing this one.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** As {@link Store#renew}. */
    public boolean renew(String environment, String holder, Instant now, Duration ttl) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(RENEW)) {
            update.setObject(1, timestamp(expiry(now, ttl)));
            update.setString(2, environment);
            update.setString(3, holder);
            return update.executeUpdate() == 1;
        }
    }

    /** As {@link Store#release}. */
    public void release(String environment, String holder) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(RELEASE)) {
            delete.setString(1, environment);
            delete.setString(2, holder);
            delete.executeUpdate();
        }
    }

    /** As {@link Store#lease}. */
    public Optional<Lease> lease(String environment) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, environment);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(
                        environment,
                        row.getString(1),
                        row.getString(2),
                        row.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
    }

    private static Instant expiry(Instant now, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a lease's time to live must be positive, got " + ttl);
        }
        return micros(now.plus(ttl));
    }

    /** Both databases keep microseconds; cutting here makes a returned lease equal to the one read back. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void rollbackQuietly(SQLException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
