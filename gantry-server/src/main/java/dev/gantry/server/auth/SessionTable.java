package dev.gantry.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code sessions} table over JDBC, each session read with its account's scopes. */
final class SessionTable {

    private final DataSource db;

    SessionTable(DataSource db) {
        this.db = db;
    }

    void insert(String idHash, String person, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO sessions (id_hash, person, created, last_seen) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, idHash);
            insert.setString(2, person);
            insert.setObject(3, AccountTable.time(now));
            insert.setObject(4, AccountTable.time(now));
            insert.executeUpdate();
        }
    }

    /** The session, when it exists and its account does. */
    Optional<Session> find(String idHash) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT s.person, a.scopes, s.created, s.last_seen"
                        + " FROM sessions s JOIN accounts a ON a.person = s.person WHERE s.id_hash = ?")) {
            select.setString(1, idHash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) return Optional.empty();
                return Optional.of(new Session(
                        idHash,
                        row.getString(1),
                        AccountTable.scopes(row.getString(2)),
                        row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
    }

    /** The sessions of these ids that exist with their accounts, by id, read in batches. */
    java.util.Map<String, Session> findAll(java.util.List<String> idHashes) throws SQLException {
        java.util.Map<String, Session> found = new java.util.HashMap<>();
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < idHashes.size(); from += TokenTable.BATCH) {
                java.util.List<String> batch =
                        idHashes.subList(from, Math.min(idHashes.size(), from + TokenTable.BATCH));
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT s.id_hash, s.person, a.scopes, s.created, s.last_seen FROM sessions s"
                                + " JOIN accounts a ON a.person = s.person WHERE s.id_hash IN ("
                                + String.join(", ", java.util.Collections.nCopies(batch.size(), "?")) + ")")) {
                    for (int i = 0; i < batch.size(); i++) select.setString(i + 1, batch.get(i));
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            found.put(
                                    row.getString(1),
                                    new Session(
                                            row.getString(1),
                                            row.getString(2),
                                            AccountTable.scopes(row.getString(3)),
                                            row.getObject(4, OffsetDateTime.class)
                                                    .toInstant(),
                                            row.getObject(5, OffsetDateTime.class)
                                                    .toInstant()));
                        }
                    }
                }
            }
        }
        return found;
    }

    void touch(String idHash, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE sessions SET last_seen = ? WHERE id_hash = ?")) {
            update.setObject(1, AccountTable.time(now));
            update.setString(2, idHash);
            update.executeUpdate();
        }
    }

    boolean delete(String idHash) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM sessions WHERE id_hash = ?")) {
            delete.setString(1, idHash);
            return delete.executeUpdate() == 1;
        }
    }

    /** Ends every session of {@code person} but {@code keep} (empty for all); returns how many ended. */
    int deleteOf(String person, Optional<String> keep) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM sessions WHERE person = ? AND id_hash <> ?")) {
            delete.setString(1, person);
            delete.setString(2, keep.orElse(""));
            return delete.executeUpdate();
        }
    }

    /** Forgets the sessions that ended before {@code now}: idle too long, or older than the longest. */
    int deleteEnded(Instant idleSince, Instant createdSince) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM sessions WHERE last_seen <= ? OR created <= ?")) {
            delete.setObject(1, AccountTable.time(idleSince));
            delete.setObject(2, AccountTable.time(createdSince));
            return delete.executeUpdate();
        }
    }
}
