package dev.gantry.server.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The server's append-only audit log: every change made through it, each entry hashed with the one before. The
 * last entry's place and hash are also kept in a file beside the database ({@code audit.anchor}), written after the
 * entry is committed: a log whose last entries were deleted still chains, and only a record outside it shows that.
 *
 * <p>{@link #verify} finds an entry edited in the database (its hash no longer matches), one deleted from the middle
 * (a gap, and the next entry's link broken), and the last ones deleted (the anchor names an entry the log no longer
 * has), and names each.
 */
public final class AuditLog {

    private static final String COLUMNS = "sequence, at, actor, action, project, subject, previous, hash";

    private final DataSource db;
    private final Optional<Path> anchor;
    private final List<Vouched> vouched = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param anchor the file that keeps the last entry's place and hash; empty where no one file sees every
     *     append (replicas sharing a database), and then the newest entries deleted cannot be told
     */
    public AuditLog(DataSource db, Optional<Path> anchor) {
        this.db = db;
        this.anchor = anchor;
    }

    /** Appends an entry at {@code at}; returns it once it is committed and anchored. */
    public synchronized AuditEntry append(Instant at, String actor, AuditAction action, String project, String subject)
            throws SQLException, IOException {
        return appendOnce(at, actor, action, project, subject, Optional.empty()).orElseThrow();
    }

    /**
     * Appends the entry of a flag change the server made on its own (a run's rollback turned the flag off), unless
     * the change has one already: the change is marked audited in the entry's own transaction, so that a server
     * stopped at any point, or replicas finding the change together, write its entry exactly once.
     *
     * @param change the flag change's sequence number in {@code project}'s records
     * @return the entry appended; empty when the change was audited before
     */
    public synchronized Optional<AuditEntry> appendForFlagChange(
            Instant at, String actor, AuditAction action, String project, long change, String subject)
            throws SQLException, IOException {
        return appendOnce(at, actor, action, project, subject, Optional.of(change));
    }

    /** The sequence numbers of {@code project}'s flag changes that have an entry of their own. */
    public Set<Long> auditedFlagChanges(String project) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT flag_change FROM audited_flag_changes WHERE project = ?")) {
            select.setString(1, project);
            Set<Long> changes = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) changes.add(rows.getLong(1));
            }
            return changes;
        }
    }

    private Optional<AuditEntry> appendOnce(
            Instant at, String actor, AuditAction action, String project, String subject, Optional<Long> change)
            throws SQLException, IOException {
        // Stored to the millisecond, as both databases keep it: the hash is over what is stored.
        Instant when = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (change.isPresent() && audited(c, project, change.get())) {
                    c.rollback();
                    return Optional.empty();
                }
                Optional<Row> last = last(c);
                refuseIfTamperedWith(last);
                long sequence = last.map(e -> e.sequence() + 1).orElse(1L);
                String previous = last.map(Row::hash).orElse("");
                AuditEntry entry = new AuditEntry(
                        sequence,
                        when,
                        actor,
                        action,
                        project,
                        subject,
                        previous,
                        AuditEntry.hashOf(sequence, when, actor, action.name(), project, subject, previous));
                try (PreparedStatement insert =
                        c.prepareStatement("INSERT INTO audit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, entry.sequence());
                    insert.setObject(2, OffsetDateTime.ofInstant(when, ZoneOffset.UTC));
                    insert.setString(3, actor);
                    insert.setString(4, action.name());
                    insert.setString(5, project);
                    insert.setString(6, subject);
                    insert.setString(7, previous);
                    insert.setString(8, entry.hash());
                    insert.executeUpdate();
                }
                if (change.isPresent()) {
                    // The key is the mark: a replica that audited the change meanwhile makes this insert fail, and
                    // the whole entry with it.
                    try (PreparedStatement mark = c.prepareStatement(
                            "INSERT INTO audited_flag_changes (project, flag_change, entry) VALUES (?, ?, ?)")) {
                        mark.setString(1, project);
                        mark.setLong(2, change.get());
                        mark.setLong(3, entry.sequence());
                        mark.executeUpdate();
                    }
                }
                c.commit();
                writeAnchor(entry);
                return Optional.of(entry);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean audited(Connection c, String project, long change) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT 1 FROM audited_flag_changes WHERE project = ? AND flag_change = ?")) {
            select.setString(1, project);
            select.setLong(2, change);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Every entry, oldest first.
     *
     * @throws IOException when an entry's action is none Gantry writes: the log was edited
     */
    public List<AuditEntry> entries() throws SQLException, IOException {
        return entries(rows());
    }

    /**
     * At most {@code limit} entries numbered after {@code after}, oldest first: a page of a log too long to read whole.
     *
     * @throws IOException when an entry's action is none Gantry writes: the log was edited
     */
    public List<AuditEntry> entries(long after, int limit) throws SQLException, IOException {
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM audit WHERE sequence > ? ORDER BY sequence FETCH FIRST ? ROWS ONLY")) {
            select.setLong(1, after);
            select.setInt(2, limit);
            List<Row> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) found.add(row(rows));
            }
            return entries(found);
        }
    }

    private static List<AuditEntry> entries(List<Row> rows) throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        for (Row row : rows) {
            AuditAction action;
            try {
                action = AuditAction.valueOf(row.action());
            } catch (IllegalArgumentException e) {
                throw new IOException("audit entry " + row.sequence() + " has an action Gantry never writes (\""
                        + row.action() + "\"); gantry audit verify says what else was changed");
            }
            entries.add(new AuditEntry(
                    row.sequence(),
                    row.at(),
                    row.actor(),
                    action,
                    row.project(),
                    row.subject(),
                    row.previous(),
                    row.hash()));
        }
        return entries;
    }

    /** Has {@link #verify} also hold {@code records} against the entries that made them. */
    public void vouchFor(Vouched records) {
        vouched.add(records);
    }

    /**
     * Everything wrong with the log, oldest first, then with the records it vouches for; empty when every entry is
     * as it was written and every record as its entries made it.
     */
    public synchronized List<AuditFinding> verify() throws SQLException, IOException {
        List<AuditFinding> findings = chain();
        List<AuditEntry> entries = readable();
        for (Vouched records : vouched) findings.addAll(records.against(entries));
        return findings;
    }

    /** The entries whose action Gantry writes: the chain's findings say what else there is. */
    private List<AuditEntry> readable() throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        for (Row row : rows()) {
            for (AuditAction action : AuditAction.values()) {
                if (!action.name().equals(row.action())) continue;
                entries.add(new AuditEntry(
                        row.sequence(),
                        row.at(),
                        row.actor(),
                        action,
                        row.project(),
                        row.subject(),
                        row.previous(),
                        row.hash()));
            }
        }
        return entries;
    }

    private List<AuditFinding> chain() throws SQLException, IOException {
        List<AuditFinding> findings = new ArrayList<>();
        long expected = 1;
        String previous = "";
        Row last = null;
        for (Row row : rows()) {
            if (row.sequence() != expected) {
                findings.add(new AuditFinding(
                        expected,
                        row.sequence() == expected + 1
                                ? "deleted"
                                : "deleted, and the entries up to " + (row.sequence() - 1)));
            } else if (!row.previous().equals(previous)) {
                findings.add(new AuditFinding(row.sequence(), "does not link to the entry before it"));
            }
            if (!row.intact()) findings.add(new AuditFinding(row.sequence(), "edited: its hash does not match"));
            previous = row.hash();
            expected = row.sequence() + 1;
            last = row;
        }
        if (anchor.isEmpty()) return findings;
        Optional<String[]> anchored;
        try {
            anchored = readAnchor(anchor.get());
        } catch (IOException e) {
            findings.add(
                    new AuditFinding(last == null ? 1 : last.sequence(), "the anchor is damaged: " + e.getMessage()));
            return findings;
        }
        if (anchored.isPresent()) {
            long sequence = Long.parseLong(anchored.get()[0]);
            if (last == null || last.sequence() < sequence) {
                findings.add(new AuditFinding(
                        last == null ? 1 : last.sequence() + 1,
                        "deleted: the log ends at " + (last == null ? "nothing" : "entry " + last.sequence())
                                + " but entry " + sequence + " was written"));
            } else if (last.sequence() == sequence && !last.hash().equals(anchored.get()[1])) {
                findings.add(new AuditFinding(sequence, "replaced: it is not the entry that was written"));
            } else if (last.sequence() > sequence + 1) {
                // Only a crash between a commit and its anchor leaves the anchor behind, and then by one entry.
                findings.add(new AuditFinding(
                        sequence + 1,
                        "the anchor names entry " + sequence + " but the log goes on to " + last.sequence()
                                + ": the anchor was set back, or entries were added behind the server's back"));
            }
        } else if (last != null) {
            findings.add(new AuditFinding(1, "the log's anchor file " + anchor.get() + " is missing"));
        }
        return findings;
    }

    /**
     * Throws when the log cannot be appended to (see {@link #refuseIfTamperedWith}): what a change asks before it
     * is made, so that no change goes unrecorded.
     */
    public synchronized void requireIntact() throws SQLException, IOException {
        try (Connection c = db.getConnection()) {
            refuseIfTamperedWith(last(c));
        }
    }

    /**
     * Refuses to append after a log whose end disagrees with its anchor: an entry appended there would take the
     * place, and the number, of one deleted, and hide the deletion from {@link #verify}.
     */
    private void refuseIfTamperedWith(Optional<Row> last) throws IOException {
        if (anchor.isEmpty()) return;
        Optional<String[]> anchored;
        try {
            anchored = readAnchor(anchor.get());
        } catch (IOException e) {
            throw new IOException("the audit log's anchor is damaged (" + e.getMessage() + "): nothing is changed"
                    + " until it is looked into; gantry audit verify says what it finds");
        }
        boolean fits = anchored.isEmpty()
                ? last.isEmpty()
                : last.isPresent()
                        && (last.get().sequence() == Long.parseLong(anchored.get()[0])
                                        && last.get().hash().equals(anchored.get()[1])
                                // A crash between an entry's commit and its anchor leaves the anchor one behind.
                                || last.get().sequence() == Long.parseLong(anchored.get()[0]) + 1);
        if (!fits) {
            throw new IOException("the audit log does not end where its anchor says: it was changed in the"
                    + " database; nothing is changed until it is looked into (gantry audit verify names what)");
        }
    }

    /** A row as stored, its action as text: an edit may have written one that is no action at all. */
    private record Row(
            long sequence,
            Instant at,
            String actor,
            String action,
            String project,
            String subject,
            String previous,
            String hash) {
        boolean intact() {
            return hash.equals(AuditEntry.hashOf(sequence, at, actor, action, project, subject, previous));
        }
    }

    private List<Row> rows() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit ORDER BY sequence");
                ResultSet rows = select.executeQuery()) {
            List<Row> found = new ArrayList<>();
            while (rows.next()) found.add(row(rows));
            return found;
        }
    }

    private static Optional<Row> last(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM audit ORDER BY sequence DESC FETCH FIRST 1 ROWS ONLY");
                ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(row(rows)) : Optional.empty();
        }
    }

    private void writeAnchor(AuditEntry entry) throws IOException {
        if (anchor.isEmpty()) return;
        Path file = anchor.get();
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".audit", ".tmp");
        try {
            Files.writeString(temp, entry.sequence() + " " + entry.hash() + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Optional<String[]> readAnchor(Path anchor) throws IOException {
        if (!Files.exists(anchor, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        if (!Files.isRegularFile(anchor, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            throw new IOException(anchor + " is not a plain file");
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(anchor, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(200); // a sequence number and a hash are 85 characters at most
        }
        String[] parts = new String(bytes, StandardCharsets.US_ASCII).strip().split(" ");
        if (parts.length != 2 || !parts[0].matches("[1-9][0-9]{0,17}") || !parts[1].matches("[0-9a-f]{64}"))
            throw new IOException(anchor + " is not what the server writes: a sequence number and a hash");
        return Optional.of(parts);
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(
                row.getLong(1),
                row.getObject(2, OffsetDateTime.class).toInstant(),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8));
    }
}
