package dev.gantry.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The {@code api_tokens} table over JDBC, in SQL that H2 and PostgreSQL both run. */
final class TokenTable {

    private static final String COLUMNS = "id, person, scopes, created, expires, revoked, last_used, last_address";

    /** A stored token with the hash of its secret. */
    record Stored(ApiToken token, String secretHash) {}

    /** How many ids one query asks for at most. */
    static final int BATCH = 500;

    private final DataSource db;

    TokenTable(DataSource db) {
        this.db = db;
    }

    void insert(ApiToken token, String secretHash) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO api_tokens (" + COLUMNS
                        + ", secret_hash) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?)")) {
            insert.setString(1, token.id());
            insert.setString(2, token.person());
            insert.setString(
                    3, token.scopes().stream().map(Scope::label).sorted().collect(Collectors.joining(",")));
            insert.setObject(4, OffsetDateTime.ofInstant(token.created(), ZoneOffset.UTC));
            insert.setObject(5, OffsetDateTime.ofInstant(token.expires(), ZoneOffset.UTC));
            insert.setString(6, secretHash);
            insert.executeUpdate();
        }
    }

    Optional<Stored> find(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT " + COLUMNS + ", secret_hash FROM api_tokens WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Stored(token(row), row.getString(9))) : Optional.empty();
            }
        }
    }

    /** The tokens of these ids that exist, by id, read in batches of {@link #BATCH}. */
    java.util.Map<String, ApiToken> findAll(List<String> ids) throws SQLException {
        java.util.Map<String, ApiToken> found = new java.util.HashMap<>();
        try (Connection c = db.getConnection()) {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                try (PreparedStatement select =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE id IN ("
                                + String.join(", ", java.util.Collections.nCopies(batch.size(), "?")) + ")")) {
                    for (int i = 0; i < batch.size(); i++) select.setString(i + 1, batch.get(i));
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            ApiToken token = token(row);
                            found.put(token.id(), token);
                        }
                    }
                }
            }
        }
        return found;
    }

    List<ApiToken> all() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created, id");
                ResultSet row = select.executeQuery()) {
            List<ApiToken> tokens = new ArrayList<>();
            while (row.next()) tokens.add(token(row));
            return tokens;
        }
    }

    /** Marks the token revoked at {@code now}; false when there is no such token or it was revoked before. */
    boolean revoke(String id, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement update =
                        c.prepareStatement("UPDATE api_tokens SET revoked = ? WHERE id = ? AND revoked IS NULL")) {
            update.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            update.setString(2, id);
            return update.executeUpdate() == 1;
        }
    }

    void used(String id, TokenUse use) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement update =
                        c.prepareStatement("UPDATE api_tokens SET last_used = ?, last_address = ? WHERE id = ?")) {
            update.setObject(1, OffsetDateTime.ofInstant(use.at(), ZoneOffset.UTC));
            update.setString(2, use.address());
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    /** Keeps that the token was used from the address; false when it had been before. */
    boolean firstFrom(String id, TokenUse use) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT 1 FROM token_addresses WHERE token_id = ? AND address = ?")) {
                select.setString(1, id);
                select.setString(2, use.address());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) return false;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO token_addresses (token_id, address, first_used) VALUES (?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, use.address());
                insert.setObject(3, OffsetDateTime.ofInstant(use.at(), ZoneOffset.UTC));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) return false; // another request from there was first
                throw e;
            }
        }
    }

    boolean isEmpty() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM api_tokens");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1) == 0;
        }
    }

    private static ApiToken token(ResultSet row) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : row.getString(3).split(",")) Scope.of(label).ifPresent(scopes::add);
        OffsetDateTime revoked = row.getObject(6, OffsetDateTime.class);
        OffsetDateTime used = row.getObject(7, OffsetDateTime.class);
        return new ApiToken(
                row.getString(1),
                row.getString(2),
                scopes,
                row.getObject(4, OffsetDateTime.class).toInstant(),
                row.getObject(5, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(revoked).map(OffsetDateTime::toInstant),
                used == null ? Optional.empty() : Optional.of(new TokenUse(used.toInstant(), row.getString(8))));
    }
}
