package dev.gantry.server;

import dev.gantry.binding.PlanException;
import dev.gantry.policy.Policy;
import dev.gantry.policy.PolicyDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** Each project's policy in the server's database ({@code project_policies}), in SQL H2 and PostgreSQL both run. */
final class Policies {

    /** A project's policy as stored: the document, who set it and when. */
    record Stored(String project, PolicyDocument document, String setBy, Instant setAt) {}

    private final DataSource db;

    Policies(DataSource db) {
        this.db = db;
    }

    /** The project's policy; empty when none was set. */
    Optional<Policy> of(String project) {
        return find(project).map(s -> s.document().policy());
    }

    Optional<Stored> find(String project) {
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT document, set_by, set_at FROM project_policies WHERE project = ?")) {
            select.setString(1, project);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) return Optional.empty();
                PolicyDocument document;
                try {
                    document = PolicyDocument.parse(row.getString(1));
                } catch (PlanException e) {
                    // Stored only after it was read: a policy that no longer reads is not quietly dropped.
                    throw new ApiException(
                            409, "the stored policy of project " + project + " cannot be read: " + e.getMessage());
                }
                return Optional.of(new Stored(
                        project,
                        document,
                        row.getString(2),
                        row.getObject(3, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the policy of project " + project + ": " + e.getMessage(), e);
        }
    }

    /** Sets the project's policy, replacing the one before. */
    synchronized void set(String project, PolicyDocument document, String person, Instant at) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE project_policies SET document = ?, hash = ?, set_by = ?, set_at = ? WHERE project = ?")) {
                bind(update, document, person, at);
                update.setString(5, project);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO project_policies"
                            + " (document, hash, set_by, set_at, project) VALUES (?, ?, ?, ?, ?)")) {
                        bind(insert, document, person, at);
                        insert.setString(5, project);
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement statement, PolicyDocument document, String person, Instant at)
            throws SQLException {
        statement.setString(1, document.text());
        statement.setString(2, document.hash());
        statement.setString(3, person);
        statement.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
