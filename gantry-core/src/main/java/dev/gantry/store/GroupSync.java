package dev.gantry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces an H2 database file to the disk after commits ({@code CHECKPOINT SYNC}, an fsync), in groups: a commit
 * that comes while another's sync is under way waits for the next sync, which covers every commit made before it
 * began. Threads that write at once share one sync instead of queueing one each; a lone writer still gets its own.
 */
final class GroupSync implements AutoCloseable {

    private final Connection connection; // a connection of its own, so that commits go on while the disk syncs
    private final AtomicLong committed = new AtomicLong();
    private long synced; // guarded by this: every commit numbered up to here is on the disk

    GroupSync(Connection connection) {
        this.connection = connection;
    }

    /** Numbers a commit that has returned; called in commit order, before the next commit on the connection. */
    long committed() {
        return committed.incrementAndGet();
    }

    /** Returns once commit number {@code commit} is on the disk. */
    synchronized void await(long commit) throws SQLException {
        if (synced >= commit) {
            return;
        }
        long upTo = committed.get(); // each of these commits had returned, so was written, before the sync starts
        try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
        }
        synced = upTo;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
