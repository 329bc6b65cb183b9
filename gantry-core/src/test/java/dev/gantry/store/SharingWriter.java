package dev.gantry.store;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Run as a child process by the tests: a Gantry process that holds the store open and writes to it, as a run does.
 * Arguments {@code DIR DURABILITY NAME LOG}: opens the store in DIR, takes the lease of prod for NAME if it is free,
 * prints {@code ready} and the lease, then obeys the lines of its stdin:
 *
 * <ul>
 *   <li>{@code append N}: appends N sample events of release 1.4.0 by NAME, and prints {@code appended SEQUENCE K}
 *       once each has returned, K counting from 0 over the whole process. It also writes {@code SEQUENCE K} to the
 *       file LOG, where a test finds every append even when the process was killed before its stdout was read;
 *   <li>{@code approvals}: prints {@code approval PERSON ROLE} for each approval of release 1.4.0, then {@code done};
 *   <li>{@code stream}: appends and prints as {@code append} does, one event after the other, until stdin ends.
 * </ul>
 *
 * When its stdin ends it closes the store, prints {@code closed} and exits. DURABILITY {@code ALONE} opens the store
 * as a short writing command does ({@link H2Store#openToWrite}).
 */
public final class SharingWriter {

    static final Instant T0 = Instant.parse("2025-03-07T14:00:00Z");

    private final H2Store store;
    private final String name;
    private final OutputStream log;
    private int appended;

    private SharingWriter(H2Store store, String name, OutputStream log) {
        this.store = store;
        this.name = name;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        H2Store store = args[1].equals("ALONE")
                ? H2Store.openToWrite(Path.of(args[0]))
                : H2Store.open(Path.of(args[0]), H2Store.Durability.valueOf(args[1]));
        SharingWriter writer = new SharingWriter(store, args[2], new FileOutputStream(args[3], true));
        String lease = store.acquire("prod", args[2], "run-of-" + args[2], T0, Duration.ofHours(1))
                .map(Lease::toString)
                .orElse("refused");
        say("ready " + lease);
        AtomicBoolean ended = new AtomicBoolean();
        Thread streaming = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "append" -> {
                    for (int i = Integer.parseInt(words[1]); i > 0; i--) writer.append();
                }
                case "approvals" -> {
                    for (Approval a : new ReleaseLog(store).approvals("1.4.0")) {
                        say("approval " + a.person() + " " + a.role());
                    }
                    say("done");
                }
                case "stream" -> {
                    streaming = new Thread(() -> {
                        try {
                            while (!ended.get()) writer.append();
                        } catch (StoreException | IOException e) {
                            e.printStackTrace();
                            say("failed " + e.getMessage());
                        }
                    });
                    streaming.start();
                }
                default -> throw new IllegalArgumentException("unknown command " + line);
            }
        }
        ended.set(true);
        if (streaming != null) streaming.join();
        store.close();
        say("closed");
    }

    private void append() throws StoreException, IOException {
        int k = appended++;
        Event event = store.append(new NewEvent(
                T0.plusMillis(k), "1.4.0", "prod", "sample", name, "{\"by\":\"" + name + "\",\"k\":" + k + "}"));
        // One write each: a killed process has handed every finished line to the operating system.
        log.write((event.sequence() + " " + k + "\n").getBytes(StandardCharsets.UTF_8));
        say("appended " + event.sequence() + " " + k);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
