package dev.gantry.server.store;

import dev.gantry.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a project's schema up to date, creating it if missing: first the core's migrations, which H2 runs too, then
 * those only PostgreSQL has.
 *
 * <p>Each set keeps its own history table. The core numbers its migrations V1, V2, ... for H2 and PostgreSQL alike
 * and will go on adding them; a PostgreSQL-only migration numbered in the same history would sooner or later take a
 * version the core wants, or fall between two of them. Apart, each set counts from 1 and neither can clash with the
 * other. The PostgreSQL history starts from a baseline at version 0, since it is created in a schema the core's
 * migrations have already filled.
 */
final class PostgresMigration {

    /** The core's migrations, shared with H2 (its {@code SchemaMigration} runs the same folder). */
    static final String CORE = "classpath:db/gantry";

    static final String CORE_HISTORY = "flyway_schema_history";
    static final String POSTGRESQL = "classpath:db/gantry-postgresql";
    static final String POSTGRESQL_HISTORY = "flyway_postgresql_history";

    // Replicas started together migrate a new schema one at a time. Flyway alone locks each history table and retries
    // a schema created under its feet; this lock makes the two sets, baseline included, one step.
    private static final String LOCK = "SELECT pg_advisory_lock(hashtext('gantry-migration'), hashtext(?))";

    private PostgresMigration() {}

    static void migrate(PostgresDatabase database, String schema) throws StoreException {
        String failure = "cannot migrate schema " + schema + " of " + database.describe();
        // A connection outside the pool: it waits for the lock as long as another replica migrates, and closing it
        // gives the lock up, whatever happened.
        try (Connection lock = database.directConnection()) {
            try (PreparedStatement take = lock.prepareStatement(LOCK)) {
                take.setString(1, schema);
                take.execute();
            }
            flyway(database, schema, CORE, CORE_HISTORY).load().migrate();
            flyway(database, schema, POSTGRESQL, POSTGRESQL_HISTORY)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (SQLException e) {
            throw new StoreException(failure + ": " + database.why(e), e);
        } catch (FlywayException e) {
            throw new StoreException(failure + ": " + database.url().hide(summary(e)), e);
        }
    }

    private static FluentConfiguration flyway(
            PostgresDatabase database, String schema, String location, String history) {
        // Left to detect its logger, Flyway may pick one that writes to stdout.
        return Flyway.configure()
                .dataSource(database.directDataSource())
                .schemas(schema)
                .locations(location)
                .table(history)
                .loggers("slf4j");
    }

    private static String summary(FlywayException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
