package dev.gantry.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for one test class, started before its first test and stopped after its last: a database
 * {@code gantry} owned by {@code ana}, who logs in over TCP with a password (SCRAM), as a server's user would. Use
 * it as a static field with {@code @RegisterExtension}.
 */
final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    static final String USER = "ana";
    static final String PASSWORD = "s3cret-Pa55";
    static final String DATABASE = "gantry";

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(TestPostgres::passwordForAna)
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
    }

    /** Ahead of the trust that initdb set up for everyone: ana must give her password. */
    private static void passwordForAna(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            String rules = "host all " + USER + " 127.0.0.1/32 scram-sha-256\n" + "host all " + USER
                    + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) postgres.close();
    }

    int port() {
        return postgres.getPort();
    }

    /** The database as a server's user writes it, password included. */
    String url() {
        return "postgresql://" + USER + ":" + PASSWORD + "@localhost:" + port() + "/" + DATABASE;
    }

    /** A connection as the superuser, to look at what the store did. */
    Connection superuser() throws SQLException {
        return postgres.getDatabase("postgres", DATABASE).getConnection();
    }
}
