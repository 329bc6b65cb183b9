package dev.gantry.server.store;

import dev.gantry.store.Anchors;
import dev.gantry.store.Event;
import dev.gantry.store.EventTable;
import dev.gantry.store.Evidence;
import dev.gantry.store.EvidenceTable;
import dev.gantry.store.Lease;
import dev.gantry.store.LeaseTable;
import dev.gantry.store.NewEvent;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The store of one project in a schema of its own in a PostgreSQL database, which the server's replicas share: the
 * same tables and SQL as the embedded store ({@link EventTable}, {@link LeaseTable}), so replicas race for leases as
 * the processes of one machine do on H2, and the database decides. Each call takes a connection from the database's
 * pool and gives it back. {@link #appendAll} is one transaction, and a project's events become visible in the order
 * of their sequence numbers, so that a reader following {@link #eventsAfter} misses none.
 *
 * <p>A write returns once PostgreSQL has committed it, which with its default {@code synchronous_commit = on} means
 * flushed to its write-ahead log (and, where the server is set up for synchronous replication, to a standby's); a
 * server set to {@code off} would break that promise.
 *
 * <p>The anchors are rows of a table, {@code run_anchors}, in the same schema. That catches an edit or a deletion of
 * a run's last events made without also editing its anchor: a row deleted by hand, a faulty migration, a tool that
 * rewrote the events table. It does not catch what rewinds the anchors with the events: a restore of the whole
 * database from a backup, or someone who edits both tables. A record kept outside the database would be needed for
 * that.
 *
 * <p>Thread-safe: calls on one store may overlap, each on a connection of its own.
 */
public final class PostgresStore implements Store {

    /** Lowercase, so that it needs no quotes; 63 bytes is PostgreSQL's longest name. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String APPEND_TURN = "SELECT pg_advisory_xact_lock(hashtext('gantry-append'), hashtext(?))";

    private final PostgresDatabase database;
    private final String schema;
    private final Anchors anchors = new RunAnchors();
    private volatile boolean closed;

    private PostgresStore(PostgresDatabase database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    /**
     * Opens the store of the project whose schema is {@code schema} in {@code database}, creating the schema if it
     * is missing and bringing it up to date.
     *
     * @param schema a name of lowercase letters, digits and {@code _}, starting with a letter or {@code _}, at most 63
     *     long and not starting with {@code pg_}
     * @throws IllegalArgumentException when {@code schema} is not such a name
     * @throws StoreException when the database cannot be reached or the schema cannot be migrated
     */
    public static PostgresStore open(PostgresDatabase database, String schema) throws StoreException {
        checkSchema(schema);
        database.migrate(schema);
        return new PostgresStore(database, schema);
    }

    static void checkSchema(String schema) {
        if (!SAFE_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name \"" + schema + "\": expected a lowercase letter or '_'"
                    + " first, then lowercase letters, digits or '_', 63 at most");
        }
        if (schema.startsWith("pg_") || schema.equals("information_schema")) {
            throw new IllegalArgumentException(
                    "schema name \"" + schema + "\": the names pg_* and information_schema are PostgreSQL's own");
        }
    }

    public String schema() {
        return schema;
    }

    @Override
    public Event append(NewEvent event) throws StoreException {
        return call(
                        "cannot append a " + event.kind() + " event of release " + event.release() + " to " + where(),
                        c -> appendAll(c, List.of(event)))
                .get(0);
    }

    @Override
    public List<Event> appendAll(List<NewEvent> events) throws StoreException {
        if (events.isEmpty()) return List.of();
        NewEvent first = events.get(0);
        return call(
                "cannot append " + events.size() + " events, the first a " + first.kind() + " event of release "
                        + first.release() + ", to " + where(),
                c -> appendAll(c, events));
    }

    /**
     * Appends in one transaction that first waits for the project's other appends to end. A sequence number is given
     * at the insert and seen at the commit; without the wait, a transaction given 11 could commit before one given
     * 10, and a reader that had seen 11 would ask for what is after 11 and never see 10. So the numbers become
     * visible in their order, at the cost of one project's appends taking turns (a batch takes one turn).
     */
    private List<Event> appendAll(Connection connection, List<NewEvent> events) throws SQLException {
        // Should waiting for the turn fail, the pool rolls back and restores auto-commit as the connection returns.
        connection.setAutoCommit(false);
        try (PreparedStatement turn = connection.prepareStatement(APPEND_TURN)) {
            turn.setString(1, schema);
            turn.execute();
        }
        // Already out of auto-commit, so the events join the transaction that holds the turn, which their commit ends.
        return new EventTable(connection).appendAll(events);
    }

    @Override
    public List<Event> events(String release, String kind) throws StoreException {
        return call("cannot read the events of release " + release + " from " + where(), c -> new EventTable(c)
                .events(release, kind));
    }

    @Override
    public List<Event> eventsAfter(String release, long sequence) throws StoreException {
        return call("cannot read the events of release " + release + " from " + where(), c -> new EventTable(c)
                .events(release, null, sequence));
    }

    @Override
    public Optional<Lease> acquire(String environment, String holder, String runId, Instant now, Duration ttl)
            throws StoreException {
        return call("cannot take the lease of environment " + environment + " in " + where(), c -> new LeaseTable(c)
                .acquire(environment, holder, runId, now, ttl));
    }

    @Override
    public boolean renew(String environment, String holder, Instant now, Duration ttl) throws StoreException {
        return call("cannot renew the lease of environment " + environment + " in " + where(), c -> new LeaseTable(c)
                .renew(environment, holder, now, ttl));
    }

    @Override
    public void release(String environment, String holder) throws StoreException {
        call("cannot release the lease of environment " + environment + " in " + where(), c -> {
            new LeaseTable(c).release(environment, holder);
            return null;
        });
    }

    @Override
    public Optional<Lease> lease(String environment) throws StoreException {
        return call("cannot read the lease of environment " + environment + " from " + where(), c -> new LeaseTable(c)
                .lease(environment));
    }

    @Override
    public Anchors anchors() {
        return anchors;
    }

    @Override
    public Evidence evidence() {
        return new Evidence() {
            @Override
            public void put(Upload upload, java.nio.file.Path content) throws StoreException {
                call(
                        "cannot store the evidence " + upload.path() + " of commit " + upload.commit() + " in "
                                + where(),
                        c -> {
                            new EvidenceTable(c).put(upload, content);
                            return null;
                        });
            }

            @Override
            public List<Upload> of(String commit) throws StoreException {
                return call(
                        "cannot read the evidence of commit " + commit + " from " + where(),
                        c -> new EvidenceTable(c).of(commit));
            }

            @Override
            public boolean copy(Upload upload, java.nio.file.Path target) throws StoreException {
                return call(
                        "cannot read the evidence " + upload.path() + " of commit " + upload.commit() + " from "
                                + where(),
                        c -> new EvidenceTable(c).copy(upload, target));
            }
        };
    }

    /** Closes this store only: the pool, shared with the stores of other projects, is closed by the database. */
    @Override
    public void close() {
        closed = true;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T call(String failure, Work<T> work) throws StoreException {
        if (closed) throw new StoreException(failure + ": the store is closed");
        try (Connection connection = database.connection(schema)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(failure + ": " + database.why(e), e);
        }
    }

    private String where() {
        return "schema " + schema + " of " + database.describe();
    }

    /** The table {@code run_anchors}: one row per run, replaced in place as the run's chain grows. */
    private final class RunAnchors implements Anchors {

        private static final String SET = "INSERT INTO run_anchors (environment, run_id, sequence, hash)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (environment, run_id)"
                + " DO UPDATE SET sequence = EXCLUDED.sequence, hash = EXCLUDED.hash";
        private static final String OF = "SELECT sequence, hash FROM run_anchors WHERE environment = ? AND run_id = ?";
        private static final String RUNS = "SELECT run_id FROM run_anchors WHERE environment = ?";

        @Override
        public Optional<Anchor> of(String environment, String runId) throws StoreException {
            return call("cannot read the anchor of run " + runId + " from " + where(), c -> {
                try (PreparedStatement select = c.prepareStatement(OF)) {
                    select.setString(1, environment);
                    select.setString(2, runId);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next()
                                ? Optional.of(new Anchor(row.getLong(1), row.getString(2)))
                                : Optional.empty();
                    }
                }
            });
        }

        @Override
        public void set(String environment, String runId, Anchor anchor) throws StoreException {
            call("cannot write the anchor of run " + runId + " to " + where(), c -> {
                try (PreparedStatement upsert = c.prepareStatement(SET)) {
                    upsert.setString(1, environment);
                    upsert.setString(2, runId);
                    upsert.setLong(3, anchor.sequence());
                    upsert.setString(4, anchor.hash());
                    return upsert.executeUpdate();
                }
            });
        }

        @Override
        public Set<String> runs(String environment) throws StoreException {
            return call("cannot list the run anchors of environment " + environment + " in " + where(), c -> {
                try (PreparedStatement select = c.prepareStatement(RUNS)) {
                    select.setString(1, environment);
                    try (ResultSet rows = select.executeQuery()) {
                        Set<String> runs = new TreeSet<>();
                        while (rows.next()) runs.add(rows.getString(1));
                        return runs;
                    }
                }
            });
        }
    }
}
