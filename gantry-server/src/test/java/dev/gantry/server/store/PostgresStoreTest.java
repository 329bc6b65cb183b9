package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.store.Event;
import dev.gantry.store.NewEvent;
import dev.gantry.store.Store;
import dev.gantry.store.StoreContract;
import dev.gantry.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract and what is PostgreSQL's own, on a real PostgreSQL; each test in a schema of its own. */
class PostgresStoreTest extends StoreContract {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");

    private static PostgresDatabase database;

    private final String schema = "project_" + SCHEMAS.incrementAndGet();

    @BeforeAll
    static void connect() throws StoreException {
        database = PostgresDatabase.connect(PostgresUrl.parse(postgres.url()));
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Override
    protected Store openStore() throws StoreException {
        return PostgresStore.open(database, schema);
    }

    @Test
    void projectsInOneDatabaseDoNotSeeEachOthersEvents() throws Exception {
        try (PostgresStore web = PostgresStore.open(database, schema + "_web");
                PostgresStore api = PostgresStore.open(database, schema + "_api")) {
            Event ofWeb = web.append(new NewEvent(T0, "1.4.0", "prod", "gate", "ana", "{}"));
            api.acquire("prod", "bo", "run-1", T0, Duration.ofSeconds(30));

            assertThat(web.events(null, null)).containsExactly(ofWeb);
            assertThat(api.events(null, null)).isEmpty();
            assertThat(web.lease("prod")).isEmpty();
            assertThat(api.lease("prod")).isPresent();
        }
    }

    @Test
    void missingSchemaIsCreatedWithTheTablesOfBothMigrations() throws Exception {
        open().close();

        assertThat(tables(schema))
                .contains(
                        "events",
                        "leases",
                        "evidence",
                        "run_anchors",
                        "flyway_schema_history",
                        "flyway_postgresql_history");
    }

    @Test
    void migratingAgainChangesNothing() throws Exception {
        open().append(new NewEvent(T0, "1.4.0", "prod", "gate", "ana", "{}"));
        List<String> before = history(schema);

        try (PostgresDatabase again = PostgresDatabase.connect(PostgresUrl.parse(postgres.url()));
                PostgresStore store = PostgresStore.open(again, schema)) {
            assertThat(history(schema)).isEqualTo(before);
            assertThat(store.events("1.4.0", null)).hasSize(1);
        }
        assertThat(before)
                .containsExactly(
                        "flyway_schema_history 1 events",
                        "flyway_schema_history 2 leases",
                        "flyway_schema_history 3 evidence",
                        "flyway_postgresql_history 0 << Flyway Baseline >>",
                        "flyway_postgresql_history 1 run anchors");
    }

    @Test
    void storesOpeningANewSchemaAtOnceAllFindItReady() throws Exception {
        List<PostgresDatabase> replicas = new ArrayList<>();
        try {
            for (int r = 0; r < 4; r++) {
                replicas.add(PostgresDatabase.connect(
                        PostgresUrl.parse(postgres.url()), PostgresDatabase.CONNECT_TIMEOUT, 2));
            }
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            CyclicBarrier start = new CyclicBarrier(replicas.size());
            for (PostgresDatabase replica : replicas) {
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        try (PostgresStore store = PostgresStore.open(replica, schema)) {
                            store.events(null, null);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) thread.join();

            assertThat(failures).isEmpty();
        } finally {
            replicas.forEach(PostgresDatabase::close);
        }
    }

    @Test
    void readerFollowingTheLastSequenceItSawMissesNoEventOfWritersAppendingAtOnce() throws Exception {
        int writers = 4, each = 60;
        List<Store> stores = new ArrayList<>();
        for (int w = 0; w < writers; w++) stores.add(open());
        Store reader = open();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < writers; w++) {
            Store store = stores.get(w);
            int writer = w;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        store.append(new NewEvent(
                                T0, "1.4.0", "prod", "sample", "", "{\"w\":" + writer + ",\"i\":" + i + "}"));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        List<Event> seen = new ArrayList<>();
        long last = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            for (Event event : reader.eventsAfter("1.4.0", last)) {
                seen.add(event);
                last = event.sequence();
            }
        }
        for (Thread thread : threads) thread.join();
        for (Event event : reader.eventsAfter("1.4.0", last)) seen.add(event);

        assertThat(failures).isEmpty();
        assertThat(seen)
                .as("every event, each once, as a follower of the sequence numbers saw them")
                .containsExactlyElementsOf(reader.events("1.4.0", null))
                .hasSize(writers * each);
    }

    @Test
    void closingAStoreLeavesThePoolToTheOthers() throws Exception {
        Store first = open();
        Store second = open();

        first.close();

        assertThat(second.events(null, null)).isEmpty();
        assertThatThrownBy(() -> first.events(null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageEndingWith(": the store is closed");
    }

    @Test
    void schemaNameThatIsNotASafeIdentifierIsRefused() {
        for (String name : List.of(
                "",
                "Acme",
                "web-app",
                "1st",
                "a;drop table events",
                "\"x\"",
                "pg_catalog",
                "information_schema",
                "x".repeat(64))) {
            assertThatThrownBy(() -> PostgresStore.open(database, name))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("schema name \"" + name + "\": ");
        }
    }

    @Test
    void failedWriteNamesTheSchemaAndTheDatabase() throws Exception {
        Store store = open();

        assertThatThrownBy(() -> store.append(new NewEvent(T0, "x".repeat(201), "", "tick", "", "{}")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot append a tick event of release " + "x".repeat(201) + " to schema "
                        + schema + " of PostgreSQL at localhost:" + postgres.port() + "/gantry as ana: ")
                .hasMessageContaining("value too long");
    }

    private static List<String> tables(String schema) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = postgres.superuser();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            while (rows.next()) tables.add(rows.getString(1));
        }
        return tables;
    }

    private static List<String> history(String schema) throws Exception {
        List<String> history = new ArrayList<>();
        try (Connection c = postgres.superuser();
                Statement s = c.createStatement()) {
            for (String table : List.of("flyway_schema_history", "flyway_postgresql_history")) {
                try (ResultSet rows = s.executeQuery("SELECT version, description FROM " + schema + "." + table
                        + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
                    while (rows.next()) history.add(table + " " + rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return history;
    }
}
