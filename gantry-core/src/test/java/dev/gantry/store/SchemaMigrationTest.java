package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the schema is current Flyway is skipped, so "current" must mean exactly what Flyway would find: every
 * migration applied with success, unchanged, and no other.
 */
class SchemaMigrationTest {

    @TempDir
    Path state;

    @Test
    void databaseMigratedByFlywayIsCurrent() throws Exception {
        H2Store.open(state).close();

        try (Connection c = connect()) {
            assertThat(SchemaMigration.current(c)).isTrue();
        }
    }

    @Test
    void newDatabaseIsNotCurrent() throws Exception {
        try (Connection c = connect()) {
            assertThat(SchemaMigration.current(c)).isFalse();
        }
    }

    @Test
    void migrationChangedSinceItWasAppliedIsNotCurrent() throws Exception {
        assertNotCurrentAfter("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '2'");
    }

    @Test
    void failedMigrationIsNotCurrent() throws Exception {
        assertNotCurrentAfter("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '2'");
    }

    @Test
    void migrationMissingFromTheHistoryIsNotCurrent() throws Exception {
        assertNotCurrentAfter("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '2'");
    }

    @Test
    void migrationOfANewerBuildIsNotCurrent() throws Exception {
        assertNotCurrentAfter("INSERT INTO \"flyway_schema_history\" VALUES"
                + " (99, '99', 'runs', 'SQL', 'V99__runs.sql', 7, 'SA', CURRENT_TIMESTAMP, 1, TRUE)");
    }

    @Test
    void everyMigrationOfTheFolderIsListed() throws Exception {
        URL folder = SchemaMigration.class.getClassLoader().getResource(SchemaMigration.FOLDER);
        assertThat(folder).as("the migrations folder, unpacked in the build").hasProtocol("file");
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(SchemaMigration.SCRIPTS);
        }
    }

    private void assertNotCurrentAfter(String change) throws Exception {
        H2Store.open(state).close();
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(change);
            }
            assertThat(SchemaMigration.current(c)).isFalse();
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(
                "jdbc:h2:file:" + state.toAbsolutePath().resolve("gantry"), "sa", "");
    }
}
