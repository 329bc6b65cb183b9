package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real child JVM writes to the store and is killed as by kill -9 ({@code destroyForcibly}) without closing it:
 * what its calls returned is in the store afterwards, and its lease keeps others out only until it expires.
 */
class KilledWriterTest {

    private static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path state;

    @Test
    void leaseOfAKilledHolderIsTakenOnlyOnceItHasExpired() throws Exception {
        String printed =
                runAndKill("lease", "POWER_CUT", "prod", "child@build-7:42", "run-1", T0.toString(), TTL.toString());
        Lease childs = new Lease("prod", "child@build-7:42", "run-1", T0.plus(TTL));
        assertThat(printed).isEqualTo(childs.toString());

        try (H2Store store = H2Store.open(state)) {
            assertThat(store.lease("prod")).contains(childs);
            assertThat(store.acquire("prod", "parent", "run-2", T0.plus(TTL).minusSeconds(1), TTL))
                    .as("the dead holder's lease is still in force")
                    .isEmpty();
            assertThat(store.acquire("prod", "parent", "run-2", T0.plus(TTL), TTL))
                    .contains(new Lease("prod", "parent", "run-2", T0.plus(TTL).plus(TTL)));
        }
    }

    @ParameterizedTest
    @EnumSource(H2Store.Durability.class)
    void eventsAppendedBeforeTheKillAreKept(H2Store.Durability durability) throws Exception {
        String lastSequence = runAndKill("append", durability.name(), "200");

        try (H2Store store = H2Store.open(state)) {
            List<Event> events = store.events("1.4.0", "sample");
            assertThat(events).hasSize(200);
            assertThat(events.get(199).sequence()).isEqualTo(Long.parseLong(lastSequence));
            assertThat(events.get(199).payload()).isEqualTo("{\"n\":199}");
        }
    }

    @Test
    void eventsAppendedByAStoreWritingAloneBeforeTheKillAreKept() throws Exception {
        H2Store.open(state).close();

        String lastSequence = runAndKill("append", "ALONE", "200");

        assertThat(Files.readString(state.resolve("gantry.lock.db")))
                .as("the dead writer's lock file names no server: it wrote the file alone")
                .doesNotContain("server=");
        try (H2Store store = H2Store.open(state)) {
            List<Event> events = store.events("1.4.0", "sample");
            assertThat(events).hasSize(200);
            assertThat(events.get(199).sequence()).isEqualTo(Long.parseLong(lastSequence));
            assertThat(events.get(199).payload()).isEqualTo("{\"n\":199}");
        }
    }

    /** Starts {@link KilledWriter}, reads the line it prints once its writes have returned, and kills it. */
    private String runAndKill(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledWriter.class.getName(),
                args[0],
                state.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            return out.readLine();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
