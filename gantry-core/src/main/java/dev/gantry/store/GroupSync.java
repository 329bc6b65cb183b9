package dev.gantry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces an H2 database file to the disk after commits ({@code CHECKPOINT SYNC}, an fsync), in groups: a commit
 * that comes while another's sync is under way waits for the next sync, which covers every commit made before it
 * began. Threads that write at once share one sync instead of queueing one each; a lone writer still gets its own.
 *
 * <p>When another process serves the database, the sync runs there, on the same file. Should that process die,
 * the sync is made again on a new connection: the commits it had written are in the operating system's cache of
 * the file, and an fsync of the file by whichever process holds it now forces them to the disk.
 */
final class GroupSync implements AutoCloseable {

    /** Opens a connection to the database, waiting for it as the store does. */
    interface Connector {
        Connection connect() throws StoreException;
    }

    private final Connector connector;
    private final AtomicLong committed = new AtomicLong();
    // Guarded by this; of its own, so that commits go on while the disk syncs. Opened by the first sync: a command
    // that only reads never needs it.
    private Connection connection;
    private long synced; // guarded by this: every commit numbered up to here is on the disk

    GroupSync(Connector connector) {
        this.connector = connector;
    }

    /** Numbers a commit that has returned; called in commit order, before the next commit on the connection. */
    long committed() {
        return committed.incrementAndGet();
    }

    /** Returns once commit number {@code commit} is on the disk. */
    synchronized void await(long commit) throws SQLException, StoreException {
        if (synced >= commit) {
            return;
        }
        long upTo = committed.get(); // each of these commits had returned, so was written, before the sync starts
        try {
            sync();
        } catch (SQLException e) {
            if (!H2File.serverGone(e)) throw e;
            reconnect(e);
            sync();
        }
        synced = upTo;
    }

    private void sync() throws SQLException, StoreException {
        if (connection == null) {
            connection = connector.connect();
        }
        try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
    }

    private void reconnect(SQLException gone) throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            gone.addSuppressed(e);
        }
        connection = null;
        try {
            connection = connector.connect();
        } catch (StoreException e) {
            e.addSuppressed(gone);
            throw e;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
