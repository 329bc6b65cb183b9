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

    private static final String COLUMNS = "id, person, scopes, created, expires, revoked";

    /** A stored token with the hash of its secret. */
    record Stored(ApiToken token, String secretHash) {}

    private final DataSource db;

    TokenTable(DataSource db) {
        this.db = db;
    }

    void insert(ApiToken token, String secretHash) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO api_tokens (" + COLUMNS + ", secret_hash) VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
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
                return row.next() ? Optional.of(new Stored(token(row), row.getString(7))) : Optional.empty();
            }
        }
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
        return new ApiToken(
                row.getString(1),
                row.getString(2),
                scopes,
                row.getObject(4, OffsetDateTime.class).toInstant(),
                row.getObject(5, OffsetDateTime.class).toInstant(),
                Optional.ofNullable(revoked).map(OffsetDateTime::toInstant));
    }
}
