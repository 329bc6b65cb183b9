package dev.gantry.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Brings a state database's schema up to date with the migrations in {@code db/gantry} (a folder of its own, so no
 * other jar's migrations are picked up).
 *
 * <p>Flyway is loaded only when there is something for it to do. Starting it costs some 300 ms and 400 classes, on
 * every command, while nearly every time the database is current already: then Flyway's history table holds exactly
 * the migrations of {@link #SCRIPTS}, applied with success, with the same checksums, and one query shows it. In any
 * other case, including a history that cannot be read, Flyway runs as before and reports what is wrong.
 */
final class SchemaMigration {

    static final String FOLDER = "db/gantry";

    /** Every migration of {@link #FOLDER}, oldest first; a test keeps the list and the folder the same. */
    static final List<String> SCRIPTS = List.of("V1__events.sql", "V2__leases.sql", "V3__evidence.sql");

    private static final String HISTORY = "SELECT \"version\", \"description\", \"type\", \"script\", \"checksum\","
            + " \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";

    private SchemaMigration() {}

    static void migrate(Connection connection, String url, String user, String password, Path file)
            throws StoreException {
        if (!current(connection)) {
            FlywayMigration.migrate(url, user, password, file);
        }
    }

    /** Whether Flyway would find nothing to do: every migration applied as it is now, and no other. */
    static boolean current(Connection connection) {
        List<Applied> expected = SCRIPTS.stream().map(SchemaMigration::expected).toList();
        List<Applied> applied = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(HISTORY)) {
            while (rows.next()) {
                String type = rows.getString(3);
                // Flyway's own marker rows: the history table, or the schema, created by it.
                if (rows.getString(1) == null && ("TABLE".equals(type) || "SCHEMA".equals(type))) continue;
                applied.add(new Applied(
                        rows.getString(1),
                        rows.getString(2),
                        type,
                        rows.getString(4),
                        rows.getInt(5),
                        rows.getBoolean(6)));
            }
        } catch (SQLException e) {
            return false; // no history yet, or none that can be read: Flyway says which
        }
        return applied.equals(expected);
    }

    /** One row of Flyway's history, as it stands for a migration applied with success. */
    private record Applied(
            String version, String description, String type, String script, int checksum, boolean success) {}

    /** The row Flyway writes for {@code script}, such as {@code V2__leases.sql}: version 2, description leases. */
    private static Applied expected(String script) {
        int separator = script.indexOf("__");
        String version = script.substring(1, separator).replace('_', '.');
        String description = script.substring(separator + 2, script.length() - ".sql".length())
                .replace('_', ' ');
        return new Applied(version, description, "SQL", script, checksum(script), true);
    }

    /** Flyway's checksum of a SQL migration: a CRC-32 of its lines in UTF-8, without line ends or a byte order mark. */
    static int checksum(String script) {
        String resource = FOLDER + "/" + script;
        try (InputStream in = SchemaMigration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the migration " + resource + " is not on the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            CRC32 crc = new CRC32();
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) line = line.substring(1);
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return (int) crc.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migration " + resource, e);
        }
    }
}
