package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gantry processes share the store: while one holds it open and writes to it, as a run does for hours, others read
 * it and write to it, and each sees the others' writes. When the process that serves the file to the others is
 * killed (kill -9), the others go on, and nothing whose call had returned is lost or stored twice. The writers are
 * real child JVMs ({@link SharingWriter}), killed with {@code destroyForcibly}.
 */
@Timeout(120)
class SharedStoreTest {

    private static final Instant T0 = SharingWriter.T0;
    private static final Lease RUNS = new Lease("prod", "run", "run-of-run", T0.plus(Duration.ofHours(1)));

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    private final List<Child> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Child child : children) child.kill();
    }

    @ParameterizedTest
    @EnumSource(H2Store.Durability.class)
    void anotherProcessReadsAndWritesWhileARunHoldsTheStore(H2Store.Durability durability) throws Exception {
        Child run = start(durability, "run");
        assertThat(run.next()).isEqualTo("ready " + RUNS);
        run.send("append 3");
        List<Appended> before = run.appended(3);

        try (H2Store store = H2Store.open(state(), durability)) {
            assertThat(samplesBy(store, "run")).containsExactlyElementsOf(before);
            assertThat(store.lease("prod")).contains(RUNS);
            assertThat(store.acquire("prod", "other", "run-2", T0, Duration.ofMinutes(15)))
                    .as("the run's lease keeps this process out")
                    .isEmpty();
            new ReleaseLog(store).approve(new Approval("1.4.0", "abc1234", "qa", "Linh Vo", "green", T0));

            run.send("approvals");
            assertThat(run.next()).isEqualTo("approval Linh Vo qa");
            assertThat(run.next()).isEqualTo("done");

            run.send("append 2");
            List<Appended> after = run.appended(2);
            assertThat(samplesBy(store, "run")).containsExactlyElementsOf(concat(before, after));
        }
        assertThat(run.close()).isEqualTo("closed");
    }

    @Test
    void storeOpenedToReadReadsAndWritesThroughTheRunThatServesTheFile() throws Exception {
        Child run = start(H2Store.Durability.POWER_CUT, "run");
        assertThat(run.next()).isEqualTo("ready " + RUNS);
        run.send("append 2");
        List<Appended> appended = run.appended(2);

        try (H2Store store = H2Store.openToRead(state())) {
            assertThat(samplesBy(store, "run")).containsExactlyElementsOf(appended);
            assertThat(store.lease("prod")).contains(RUNS);
            new ReleaseLog(store).approve(new Approval("1.4.0", "abc1234", "qa", "Linh Vo", "green", T0));

            run.send("approvals");
            assertThat(run.next()).isEqualTo("approval Linh Vo qa");
            assertThat(run.next()).isEqualTo("done");
        }
        assertThat(run.close()).isEqualTo("closed");
    }

    @Test
    void storeOpenedToWriteWritesThroughTheRunThatServesTheFile() throws Exception {
        Child run = start(H2Store.Durability.POWER_CUT, "run");
        assertThat(run.next()).isEqualTo("ready " + RUNS);
        run.send("append 2");
        List<Appended> appended = run.appended(2);

        try (H2Store store = H2Store.openToWrite(state())) {
            new ReleaseLog(store).approve(new Approval("1.4.0", "abc1234", "qa", "Linh Vo", "green", T0));
            assertThat(samplesBy(store, "run")).containsExactlyElementsOf(appended);

            run.send("approvals");
            assertThat(run.next()).isEqualTo("approval Linh Vo qa");
            assertThat(run.next()).isEqualTo("done");
        }
        assertThat(run.close()).isEqualTo("closed");
    }

    @Test
    void processThatOpensTheFileWhileAnotherWritesItAloneWaitsAndBothWritesLand() throws Exception {
        H2Store.open(state()).close();
        Child alone = start("ALONE", "alone");
        assertThat(alone.next()).isEqualTo("ready " + new Lease("prod", "alone", "run-of-alone", RUNS.expires()));
        alone.send("append 2");
        List<Appended> first = alone.appended(2);
        assertThat(Files.readString(state().resolve("gantry.lock.db")))
                .as("the file is held alone: no server is named")
                .doesNotContain("server=");

        CompletableFuture<H2Store> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return H2Store.open(state());
            } catch (StoreException e) {
                throw new CompletionException(e);
            }
        });
        assertThat(alone.close()).isEqualTo("closed");
        try (H2Store store = opening.get(60, TimeUnit.SECONDS)) {
            new ReleaseLog(store).approve(new Approval("1.4.0", "abc1234", "qa", "Linh Vo", "after", T0));
            assertThat(samplesBy(store, "alone")).containsExactlyElementsOf(first);
            assertThat(new ReleaseLog(store).approvals("1.4.0"))
                    .extracting(Approval::comment)
                    .containsExactly("after");
        }
    }

    @ParameterizedTest
    @EnumSource(H2Store.Durability.class)
    void killingTheServingProcessLosesNothingAndTheOthersGoOn(H2Store.Durability durability) throws Exception {
        Child run = start(durability, "run"); // the first to open the file: it serves it to the others
        assertThat(run.next()).isEqualTo("ready " + RUNS);
        Child other = start(durability, "other");
        assertThat(other.next()).isEqualTo("ready refused");

        try (H2Store store = H2Store.open(state(), durability)) {
            ReleaseLog log = new ReleaseLog(store);
            run.send("stream");
            other.send("stream");
            run.appended(20);
            other.appended(20);
            log.approve(new Approval("1.4.0", "abc1234", "qa", "Linh Vo", "before the kill", T0));

            run.kill();
            other.appended(20); // after the kill: it has taken the file over, or reached the process that did
            log.approve(new Approval("1.4.0", "abc1234", "tech-lead", "Bo Chen", "after the kill", T0));
            assertThat(other.close()).isEqualTo("closed");

            assertStored(store, run.logged(), other.logged());
        }
        try (H2Store reopened = H2Store.open(state(), durability)) {
            assertStored(reopened, run.logged(), other.logged());
        }
    }

    /**
     * Every append that returned is stored once, with the sequence it returned. The killed run may have stored one
     * more whose answer it never printed, never two: it appends one event at a time.
     */
    private static void assertStored(H2Store store, List<Appended> ofRun, List<Appended> ofOther)
            throws StoreException {
        assertThat(samplesBy(store, "other")).containsExactlyElementsOf(ofOther);
        List<Appended> storedOfRun = samplesBy(store, "run");
        assertThat(storedOfRun).startsWith(ofRun.toArray(Appended[]::new));
        assertThat(storedOfRun.size() - ofRun.size()).isBetween(0, 1);
        assertThat(storedOfRun).extracting(Appended::k).doesNotHaveDuplicates();
        assertThat(new ReleaseLog(store).approvals("1.4.0"))
                .extracting(Approval::comment)
                .containsExactly("before the kill", "after the kill");
        assertThat(store.lease("prod"))
                .as("the dead run's lease, in force until it expires")
                .contains(RUNS);
    }

    private static List<Appended> samplesBy(H2Store store, String actor) throws StoreException {
        return store.events("1.4.0", "sample").stream()
                .filter(e -> e.actor().equals(actor))
                .map(e ->
                        new Appended(e.sequence(), Integer.parseInt(e.payload().replaceAll(".*\"k\":(\\d+).*", "$1"))))
                .toList();
    }

    private static List<Appended> concat(List<Appended> a, List<Appended> b) {
        List<Appended> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** An append a writer printed once it had returned: the sequence it got, and the writer's count. */
    record Appended(long sequence, int k) {}

    private Child start(H2Store.Durability durability, String name) throws IOException {
        return start(durability.name(), name);
    }

    /** A writer that opens the store as {@code durability} says, or as a short writing command does ({@code ALONE}). */
    private Child start(String durability, String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SharingWriter.class.getName(),
                        state().toString(),
                        durability,
                        name,
                        log.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Child child = new Child(process, log);
        children.add(child);
        return child;
    }

    /**
     * A writer's process, its stdout read line by line as it comes, so that it never blocks on a full pipe. Once it is
     * killed, what its stdout still held may be lost; its log has every append.
     */
    private static final class Child {

        private static final String END = "\u0000end";

        private final Process process;
        private final Path log;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<Appended> printed = new ArrayList<>();

        Child(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) lines.add(line);
                } catch (IOException e) {
                    lines.add("failed to read: " + e);
                }
                lines.add(END);
            });
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) {
            in.println(line);
        }

        /** The next line the writer prints, or null once its output has ended. */
        String next() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) fail("the writer printed nothing for 60 s");
            if (line.equals(END)) {
                lines.add(END);
                return null;
            }
            if (line.startsWith("appended ")) {
                String[] words = line.split(" ");
                printed.add(new Appended(Long.parseLong(words[1]), Integer.parseInt(words[2])));
            }
            return line;
        }

        /** Reads on until the writer has printed {@code count} more appends, and returns those. */
        List<Appended> appended(int count) throws InterruptedException {
            int from = printed.size();
            while (printed.size() < from + count) {
                String line = next();
                if (line == null || !line.startsWith("appended ")) fail("expected appends, got " + line);
            }
            return List.copyOf(printed.subList(from, from + count));
        }

        /** Every append that returned to the writer, from its log. */
        List<Appended> logged() throws IOException {
            return Files.readAllLines(log).stream()
                    .map(line -> line.split(" "))
                    .map(words -> new Appended(Long.parseLong(words[0]), Integer.parseInt(words[1])))
                    .toList();
        }

        /** Ends the writer's stdin and returns the first line that is not an append. */
        String close() throws InterruptedException {
            in.close();
            for (String line = next(); line != null; line = next()) {
                if (!line.startsWith("appended ")) return line;
            }
            return null;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
