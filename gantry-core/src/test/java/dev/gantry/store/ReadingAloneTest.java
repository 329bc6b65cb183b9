package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store opened to read reads the file alone while no one else holds it, and shares it from its first write on. */
class ReadingAloneTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(15);

    @TempDir
    Path state;

    @Test
    void readsWhatWasWrittenWithoutServingTheFile() throws Exception {
        Event written;
        Lease lease;
        try (H2Store store = H2Store.open(state)) {
            written = store.append(new NewEvent(T0, "1.4.0", "prod", "gate", "ana", "{\"go\":true}"));
            lease = store.acquire("prod", "run-1", "run-1", T0, TTL).orElseThrow();
        }

        try (H2Store reader = H2Store.openToRead(state)) {
            assertThat(reader.events("1.4.0", null)).containsExactly(written);
            assertThat(reader.lease("prod")).contains(lease);
            assertThat(state.resolve("gantry.lock.db"))
                    .as("no server started, no lock file written")
                    .doesNotExist();
        }
    }

    @Test
    void firstWriteSharesTheFileAndOthersWriteToo() throws Exception {
        H2Store.open(state).close();

        try (H2Store reader = H2Store.openToRead(state)) {
            assertThat(reader.events(null, null)).isEmpty();
            Event own = reader.append(new NewEvent(T0, "1.4.0", "", "tick", "ana", "{}"));

            try (H2Store writer = H2Store.open(state)) {
                Event other = writer.append(new NewEvent(T0, "1.4.0", "", "tick", "bo", "{}"));
                assertThat(reader.events("1.4.0", "tick")).containsExactly(own, other);
            }
        }
    }

    @Test
    void storeOfThisProcessThatWantsToWriteWaitsForTheReaderAndThenSaysSo() throws Exception {
        H2Store.open(state).close();

        try (H2Store reader = H2Store.openToRead(state)) {
            reader.events(null, null);

            assertThatThrownBy(() -> H2Store.open(state, Duration.ofMillis(100)))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the state database " + state.resolve("gantry.mv.db")
                            + " is held alone by another store of this process, which is still open");
        }
        try (H2Store writer = H2Store.open(state, Duration.ZERO)) {
            assertThat(writer.events(null, null)).isEmpty();
        }
    }

    @Test
    void newDatabaseIsCreatedAndMigrated() throws Exception {
        try (H2Store reader = H2Store.openToRead(state)) {
            assertThat(reader.events(null, null)).isEmpty();
            assertThat(reader.lease("prod")).isEmpty();
        }
        assertThat(state.resolve("gantry.mv.db")).isRegularFile();
    }

    @Test
    void readingAfterCloseNamesTheDatabase() throws Exception {
        H2Store.open(state).close();
        H2Store reader = H2Store.openToRead(state);
        reader.close();

        assertThatThrownBy(() -> reader.events("1.4.0", null))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot read the events of release 1.4.0 from the state database "
                        + state.resolve("gantry.mv.db") + ": the store is closed");
    }
}
