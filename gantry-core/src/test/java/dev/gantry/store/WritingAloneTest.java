package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store opened to write, as a short command does, writes the file alone while no one else holds it: without
 * serving it, and keeping the stores that share it waiting until it is closed.
 */
class WritingAloneTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");

    @TempDir
    Path state;

    @Test
    void writesWithoutServingTheFile() throws Exception {
        H2Store.open(state).close();

        Event written;
        try (H2Store writer = H2Store.openToWrite(state)) {
            written = writer.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{\"item\":\"backup\"}"));
            assertThat(writer.events("1.4.0", "tick")).containsExactly(written);
            assertThat(Files.readString(state.resolve("gantry.lock.db")))
                    .as("the lock file names no server")
                    .doesNotContain("server=");
        }
        assertThat(state.resolve("gantry.lock.db")).doesNotExist();
        try (H2Store reader = H2Store.openToRead(state)) {
            assertThat(reader.events("1.4.0", null)).containsExactly(written);
        }
    }

    @Test
    void storeOfThisProcessThatWantsToShareWaitsForTheWriterAndThenSaysSo() throws Exception {
        H2Store.open(state).close();

        try (H2Store writer = H2Store.openToWrite(state)) {
            writer.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{}"));

            assertThatThrownBy(() -> H2Store.open(state, Duration.ofMillis(100)))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the state database " + state.resolve("gantry.mv.db")
                            + " is held alone by another store of this process, which is still open");
        }
        try (H2Store shared = H2Store.open(state, Duration.ZERO)) {
            assertThat(shared.events("1.4.0", "tick")).hasSize(1);
        }
    }

    @Test
    void writerAfterAReaderOfThisProcessWaitsForItToShareTheFile() throws Exception {
        H2Store.open(state).close();

        try (H2Store reader = H2Store.openToRead(state)) {
            reader.events(null, null);

            assertThatThrownBy(() -> H2Store.openToWrite(state))
                    .as("the database this process has open is read-only, so the writer shares the file instead")
                    .isInstanceOf(StoreException.class)
                    .hasMessageEndingWith(" is held alone by another store of this process, which is still open");
        }
        try (H2Store writer = H2Store.openToWrite(state)) {
            writer.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{}"));
        }
    }

    @Test
    void newDatabaseIsCreatedAndMigrated() throws Exception {
        try (H2Store writer = H2Store.openToWrite(state)) {
            writer.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{}"));
        }
        try (H2Store reader = H2Store.openToRead(state)) {
            assertThat(reader.events("1.4.0", "tick")).hasSize(1);
        }
    }

    @Test
    void writingAfterCloseNamesTheDatabase() throws Exception {
        H2Store.open(state).close();
        H2Store writer = H2Store.openToWrite(state);
        writer.close();

        assertThatThrownBy(() -> writer.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{}")))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot append a tick event of release 1.4.0 to the state database "
                        + state.resolve("gantry.mv.db") + ": the store is closed");
    }
}
