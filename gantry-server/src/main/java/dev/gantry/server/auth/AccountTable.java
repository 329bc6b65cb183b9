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

/** The {@code accounts} table over JDBC, in SQL that H2 and PostgreSQL both run. */
final class AccountTable {

    private static final String COLUMNS = "person, scopes, created, password_changed";

    /** A stored account with its password's hash. */
    record Stored(Account account, String passwordHash) {}

    private final DataSource db;

    AccountTable(DataSource db) {
        this.db = db;
    }

    /** Inserts the account; false when the person has one already. */
    boolean insert(Account account, String passwordHash) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO accounts (" + COLUMNS + ", password_hash) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, account.person());
            insert.setString(2, labels(account.scopes()));
            insert.setObject(3, time(account.created()));
            insert.setObject(4, time(account.passwordChanged()));
            insert.setString(5, passwordHash);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false; // unique violation, in H2 and PostgreSQL alike
            throw e;
        }
    }

    Optional<Stored> find(String person) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT " + COLUMNS + ", password_hash FROM accounts WHERE person = ?")) {
            select.setString(1, person);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Stored(account(row), row.getString(5))) : Optional.empty();
            }
        }
    }

    List<Account> all() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts ORDER BY person");
                ResultSet row = select.executeQuery()) {
            List<Account> accounts = new ArrayList<>();
            while (row.next()) accounts.add(account(row));
            return accounts;
        }
    }

    /** Replaces the password's hash, if it is still {@code was}: of two changes at once, one wins. */
    boolean setPassword(String person, String was, String hash, Instant now) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE accounts SET password_hash = ?,"
                        + " password_changed = ? WHERE person = ? AND password_hash = ?")) {
            update.setString(1, hash);
            update.setObject(2, time(now));
            update.setString(3, person);
            update.setString(4, was);
            return update.executeUpdate() == 1;
        }
    }

    boolean delete(String person) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM accounts WHERE person = ?")) {
            delete.setString(1, person);
            return delete.executeUpdate() == 1;
        }
    }

    static String labels(Set<Scope> scopes) {
        return scopes.stream().map(Scope::label).sorted().collect(Collectors.joining(","));
    }

    static Set<Scope> scopes(String labels) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String label : labels.split(",")) Scope.of(label).ifPresent(scopes::add);
        return scopes;
    }

    static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(
                row.getString(1),
                scopes(row.getString(2)),
                row.getObject(3, OffsetDateTime.class).toInstant(),
                row.getObject(4, OffsetDateTime.class).toInstant());
    }
}
