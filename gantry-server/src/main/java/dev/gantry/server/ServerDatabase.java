package dev.gantry.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The server's own tables (its API tokens), apart from the projects' run records: an H2 file in the server's data
 * folder, which one server process holds at a time.
 */
public final class ServerDatabase implements AutoCloseable {

    static final String FOLDER = "db/server";

    /** The schema of the server's own tables in a shared PostgreSQL, beside the projects' schemas. */
    static final String POSTGRES_SCHEMA = "gantry_server";

    private final DataSource source;
    private final Runnable closing;

    private ServerDatabase(DataSource source, Runnable closing) {
        this.source = source;
        this.closing = closing;
    }

    /**
     * The server's tables in schema {@value #POSTGRES_SCHEMA} of a shared PostgreSQL, created or migrated; closing
     * it leaves the database's pool to its owner.
     */
    public static ServerDatabase postgres(dev.gantry.server.store.PostgresDatabase database) throws ServerException {
        DataSource source = database.schema(POSTGRES_SCHEMA);
        try {
            Flyway.configure()
                    .dataSource(source)
                    .schemas(POSTGRES_SCHEMA)
                    .locations("classpath:" + FOLDER)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new ServerException(
                    "cannot migrate the server's tables in " + database.url() + ": " + e.getMessage(), e);
        }
        return new ServerDatabase(source, () -> {});
    }

    /**
     * Opens, and creates or migrates, the database in {@code folder}.
     *
     * @throws ServerException when the folder cannot be made, another server holds the database, or it cannot be
     *     migrated
     */
    public static ServerDatabase embedded(Path folder) throws ServerException {
        Path file = folder.toAbsolutePath().normalize().resolve("server");
        try {
            Files.createDirectories(folder);
            ownerOnly(folder.toAbsolutePath().getParent());
            ownerOnly(folder);
        } catch (java.io.IOException e) {
            throw new ServerException("cannot make the server's data folder " + folder + ": " + e.getMessage(), e);
        }
        // FILE_LOCK=FILE: a second server on the same folder is refused instead of sharing the file.
        // WRITE_DELAY=0: a change is written at its commit, so one acknowledged survives the process being killed.
        JdbcConnectionPool pool =
                JdbcConnectionPool.create("jdbc:h2:file:" + file + ";FILE_LOCK=FILE;WRITE_DELAY=0", "gantry", "");
        try {
            pool.getConnection().close();
        } catch (SQLException e) {
            pool.dispose();
            throw new ServerException(
                    "cannot open the server's database " + file + ".mv.db"
                            + (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1
                                    ? ": another server uses this data folder"
                                    : ": " + e.getMessage()),
                    e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:" + FOLDER)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.dispose();
            throw new ServerException("cannot migrate the server's database " + file + ".mv.db: " + e.getMessage(), e);
        }
        return new ServerDatabase(pool, pool::dispose);
    }

    /** The data folder holds tokens' hashes, the admin token and the records: its owner alone may enter it. */
    private static void ownerOnly(Path folder) throws java.io.IOException {
        if (Files.getFileAttributeView(folder, java.nio.file.attribute.PosixFileAttributeView.class) != null)
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    public DataSource dataSource() {
        return source;
    }

    @Override
    public void close() {
        closing.run();
    }
}
