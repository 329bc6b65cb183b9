package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.store.StoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database that cannot be reached or refuses the login is reported at once, or after the connect timeout at most,
 * naming where and why, never the password. The timeouts on the tests only keep a hang from stalling the build.
 */
class PostgresDatabaseTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void wrongPasswordIsRefusedWithoutShowingEitherPassword() {
        String url = "postgresql://ana:not-" + TestPostgres.PASSWORD + "@localhost:" + postgres.port() + "/gantry";

        assertThatThrownBy(() -> PostgresDatabase.connect(PostgresUrl.parse(url)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot connect to PostgreSQL at localhost:" + postgres.port()
                        + "/gantry as ana: password authentication failed for user \"ana\"")
                .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(TestPostgres.PASSWORD));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void missingDatabaseIsNamed() {
        String url = "postgresql://ana:" + TestPostgres.PASSWORD + "@localhost:" + postgres.port() + "/nope";

        assertThatThrownBy(() -> PostgresDatabase.connect(PostgresUrl.parse(url)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot connect to PostgreSQL at localhost:" + postgres.port()
                        + "/nope as ana: database \"nope\" does not exist");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void portNoServerListensOnIsReported() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "postgresql://ana:" + TestPostgres.PASSWORD + "@127.0.0.1:" + port + "/gantry";

        assertThatThrownBy(() -> PostgresDatabase.connect(PostgresUrl.parse(url)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + port
                        + "/gantry as ana: connection refused (is the server running there?)")
                .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(TestPostgres.PASSWORD));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void serverThatNeverAnswersIsGivenUpAfterTheConnectTimeout() throws Exception {
        // Accepts connections (the system's backlog does) and never says a word.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String url =
                    "postgresql://ana:" + TestPostgres.PASSWORD + "@127.0.0.1:" + silent.getLocalPort() + "/gantry";

            assertThatThrownBy(() -> PostgresDatabase.connect(PostgresUrl.parse(url), Duration.ofSeconds(2), 2))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + silent.getLocalPort()
                            + "/gantry as ana: connection attempt timed out")
                    .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(TestPostgres.PASSWORD));
        }
    }

    @Test
    void storesOfAClosedDatabaseRefuseCalls() throws Exception {
        PostgresDatabase database = PostgresDatabase.connect(PostgresUrl.parse(postgres.url()));
        PostgresStore store = PostgresStore.open(database, "closing");

        database.close();

        assertThatThrownBy(() -> store.events(null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot read the events of release null from schema closing of PostgreSQL at");
    }

    private static String stackTraceOf(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
