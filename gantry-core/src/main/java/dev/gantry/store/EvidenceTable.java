package dev.gantry.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code evidence} table over JDBC, in SQL that H2 and PostgreSQL both run, as {@link EventTable} is for events.
 * Rows are only inserted; an insert repeated after a lost answer stores an identical row, which reads as one.
 */
public final class EvidenceTable {

    private static final String INSERT = "INSERT INTO evidence"
            + " (commit_hash, path, size, sha256, uploaded_by, uploaded_at, content) VALUES (?, ?, ?, ?, ?, ?, ?)";
    // The newest row of each path: no other row of the same commit and path has a higher sequence.
    private static final String NEWEST = "SELECT e.commit_hash, e.path, e.size, e.sha256, e.uploaded_by, e.uploaded_at"
            + " FROM evidence e WHERE e.commit_hash = ? AND NOT EXISTS (SELECT 1 FROM evidence n"
            + " WHERE n.commit_hash = e.commit_hash AND n.path = e.path AND n.sequence > e.sequence)"
            + " ORDER BY e.path";
    private static final String CONTENT = "SELECT content FROM evidence WHERE commit_hash = ? AND path = ?"
            + " AND sha256 = ? ORDER BY sequence DESC FETCH FIRST 1 ROWS ONLY";

    private final Connection connection;

    public EvidenceTable(Connection connection) {
        this.connection = connection;
    }

    /** As {@link Evidence#put}. */
    public void put(Evidence.Upload upload, Path content) throws SQLException {
        try (InputStream bytes = Files.newInputStream(content);
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, upload.commit());
            insert.setString(2, upload.path());
            insert.setLong(3, upload.size());
            insert.setString(4, upload.sha256());
            insert.setString(5, upload.by());
            insert.setObject(6, OffsetDateTime.ofInstant(upload.at(), ZoneOffset.UTC));
            insert.setBinaryStream(7, bytes, upload.size());
            insert.executeUpdate();
        } catch (IOException e) {
            throw new SQLException("cannot read the uploaded file " + content + ": " + e.getMessage(), e);
        }
    }

    /** As {@link Evidence#of}. */
    public List<Evidence.Upload> of(String commit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(NEWEST)) {
            select.setString(1, commit);
            try (ResultSet rows = select.executeQuery()) {
                List<Evidence.Upload> uploads = new ArrayList<>();
                while (rows.next()) {
                    uploads.add(new Evidence.Upload(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getLong(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getObject(6, OffsetDateTime.class).toInstant()));
                }
                return uploads;
            }
        }
    }

    /** As {@link Evidence#copy}. */
    public boolean copy(Evidence.Upload upload, Path target) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CONTENT)) {
            select.setString(1, upload.commit());
            select.setString(2, upload.path());
            select.setString(3, upload.sha256());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) return false;
                try (InputStream bytes = rows.getBinaryStream(1)) {
                    Files.copy(bytes, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return true;
            }
        } catch (IOException e) {
            throw new SQLException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
