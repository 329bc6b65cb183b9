package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The embedded store on real H2 files. */
class H2StoreTest {

    private static final Instant AT = Instant.parse("2025-03-07T14:00:00.123456789Z");

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    @Test
    void appendedEventsReadBackOldestFirstWithEveryField() throws Exception {
        try (H2Store store = H2Store.open(state())) {
            Event first = store.append(new NewEvent(AT, "1.4.0", "staging", "gate", "ana", "{\"go\":true}"));
            Event second = store.append(new NewEvent(AT.plusSeconds(60), "1.4.0", null, "tick", null, null));

            List<Event> events = store.events("1.4.0", null);

            assertThat(events).containsExactly(first, second);
            assertThat(second.sequence()).isGreaterThan(first.sequence());
            Event gate = events.get(0);
            assertThat(gate.at()).isEqualTo(AT.truncatedTo(ChronoUnit.MICROS));
            assertThat(gate.release()).isEqualTo("1.4.0");
            assertThat(gate.environment()).isEqualTo("staging");
            assertThat(gate.kind()).isEqualTo("gate");
            assertThat(gate.actor()).isEqualTo("ana");
            assertThat(gate.payload()).isEqualTo("{\"go\":true}");
            assertThat(events.get(1))
                    .extracting(Event::environment, Event::actor, Event::payload)
                    .containsExactly("", "", "{}");
        }
        assertThat(state().resolve("gantry.mv.db")).isRegularFile();
    }

    @Test
    void filtersByReleaseAndKind() throws Exception {
        try (H2Store store = H2Store.open(state())) {
            store.append(new NewEvent(AT, "1.4.0", "", "tick", "ana", "{\"n\":1}"));
            store.append(new NewEvent(AT, "1.5.0", "", "tick", "ana", "{\"n\":2}"));
            store.append(new NewEvent(AT, "1.4.0", "", "approval", "bo", "{\"n\":3}"));
            store.append(new NewEvent(AT, "1.4.0", "", "tick", "cy", "{\"n\":4}"));

            assertThat(store.events("1.4.0", "tick"))
                    .extracting(Event::payload)
                    .containsExactly("{\"n\":1}", "{\"n\":4}");
            assertThat(store.events("1.4.0", null))
                    .extracting(Event::payload)
                    .containsExactly("{\"n\":1}", "{\"n\":3}", "{\"n\":4}");
            assertThat(store.events("1.5.0", "approval")).isEmpty();
            assertThat(store.events("2.0.0", null)).isEmpty();
        }
    }

    @Test
    void eventsSurviveCloseAndReopen() throws Exception {
        Event written;
        try (H2Store store = H2Store.open(state())) {
            written = store.append(new NewEvent(AT, "1.4.0", "prod", "gate", "ana", "{}"));
        }
        try (H2Store store = H2Store.open(state())) {
            assertThat(store.events("1.4.0", "gate")).containsExactly(written);
            Event next = store.append(new NewEvent(AT, "1.4.0", "prod", "gate", "ana", "{}"));
            assertThat(next.sequence()).isGreaterThan(written.sequence());
        }
    }

    @Test
    // It replaces standard output for the whole process while it runs: nothing else may print meanwhile.
    @ResourceLock(Resources.SYSTEM_OUT)
    void printsNothingOnStdout() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (H2Store store = H2Store.open(state())) {
            store.append(new NewEvent(AT, "1.4.0", "", "tick", "ana", "{}"));
            store.events("1.4.0", null);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void fileHeldByAProcessThatDoesNotShareItIsReportedAsInUse() throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreHolder.class.getName(),
                        state().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("open");

            assertThatThrownBy(() -> H2Store.open(state(), Duration.ZERO))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the state database " + state().resolve("gantry.mv.db")
                            + " is in use by another Gantry process; try again when it has finished");

            holder.getOutputStream().close();
            assertThat(out.readLine()).as("the holder prints nothing else").isNull();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor()).isZero();
        }
        try (H2Store store = H2Store.open(state(), Duration.ZERO)) {
            assertThat(store.events("1.4.0", null)).isEmpty();
        }
    }

    @Test
    void garbageAtTheDatabasePathIsNamed() throws Exception {
        Path file = state().resolve("gantry.mv.db");
        Files.createDirectories(state());
        Files.writeString(file, "this is a text file, not a database\n".repeat(200));

        assertThatThrownBy(() -> H2Store.open(state()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the state database " + file + ": it is damaged");
    }

    @Test
    void stateFolderThatIsAFileIsNamed() throws Exception {
        Files.writeString(state(), "not a folder");

        assertThatThrownBy(() -> H2Store.open(state()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot create the state folder " + state());
    }

    @Test
    void migrationThatNoLongerMatchesTheDatabaseNamesFileAndMigration() throws Exception {
        H2Store.open(state()).close();
        // Simulates a database migrated by a build whose V1 differed from this one.
        try (Connection c = DriverManager.getConnection(H2File.in(state()).url(), "sa", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
        }

        assertThatThrownBy(() -> H2Store.open(state()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot migrate the state database " + state().resolve("gantry.mv.db")
                        + " with V1__events.sql: ")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void failedAppendNamesTheDatabase() throws Exception {
        try (H2Store store = H2Store.open(state())) {
            String tooLong = "x".repeat(201);

            assertThatThrownBy(() -> store.append(new NewEvent(AT, tooLong, "", "tick", "ana", "{}")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot append a tick event of release " + tooLong
                            + " to the state database " + state().resolve("gantry.mv.db") + ": ");
        }
    }

    @Test
    void readingAfterCloseNamesTheDatabase() throws Exception {
        H2Store store = H2Store.open(state());
        store.close();

        assertThatThrownBy(() -> store.events("1.4.0", null))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot read the events of release 1.4.0 from the state database "
                        + state().resolve("gantry.mv.db"));
    }

    @Test
    void theStateFolderIsKeptToItsOwnerForItsLockFileNamesThePortAndKeyOfTheServingProcess() throws Exception {
        Files.createDirectories(state());
        Files.setPosixFilePermissions(state(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (H2Store store = H2Store.open(state())) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(state())))
                    .isEqualTo("rwx------");
        }
    }
}
