package dev.gantry.store;

import static java.util.stream.Collectors.joining;

import java.nio.file.Path;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Runs Flyway on a state database. A class of its own so that the JVM loads Flyway only when {@link SchemaMigration}
 * finds a migration to do.
 */
final class FlywayMigration {

    private FlywayMigration() {}

    static void migrate(String url, String user, String password, Path file) throws StoreException {
        // Left to detect its logger, Flyway may pick one that writes to stdout, which carries only results.
        Flyway flyway = Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:" + SchemaMigration.FOLDER)
                .loggers("slf4j")
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException(
                    "cannot migrate the state database " + file + unsettled(flyway) + ": " + summary(e), e);
        }
    }

    /** The migrations a failure concerns: those not applied yet, failed, or changed since they were applied. */
    private static String unsettled(Flyway flyway) {
        try {
            String scripts = Arrays.stream(flyway.info().all())
                    .filter(m -> !m.getState().isApplied() || m.getState().isFailed() || !m.isChecksumMatching())
                    .map(MigrationInfo::getScript)
                    .collect(joining(", "));
            return scripts.isEmpty() ? "" : " with " + scripts;
        } catch (FlywayException e) {
            return "";
        }
    }

    private static String summary(FlywayException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
