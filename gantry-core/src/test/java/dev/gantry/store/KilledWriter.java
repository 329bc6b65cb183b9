package dev.gantry.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Run as a child process by the tests, which kill it: writes to the store in the folder given, prints what it
 * wrote once the calls have returned, and then waits, without closing the store, until it is killed.
 *
 * <ul>
 *   <li>{@code lease DIR DURABILITY ENVIRONMENT HOLDER RUN NOW TTL} takes a lease and prints it;
 *   <li>{@code append DIR DURABILITY COUNT} appends events of release 1.4.0 and prints their last sequence.
 * </ul>
 *
 * DURABILITY {@code ALONE} opens the store as a short writing command does ({@link H2Store#openToWrite}).
 */
public final class KilledWriter {

    private KilledWriter() {}

    public static void main(String[] args) throws Exception {
        H2Store store = args[2].equals("ALONE")
                ? H2Store.openToWrite(Path.of(args[1]))
                : H2Store.open(Path.of(args[1]), H2Store.Durability.valueOf(args[2]));
        switch (args[0]) {
            case "lease" ->
                System.out.println(
                        store.acquire(args[3], args[4], args[5], Instant.parse(args[6]), Duration.parse(args[7]))
                                .map(Lease::toString)
                                .orElse("refused"));
            case "append" -> {
                Event last = null;
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    last = store.append(new NewEvent(
                            Instant.parse("2025-03-07T14:00:00Z").plusSeconds(i),
                            "1.4.0",
                            "prod",
                            "sample",
                            "",
                            "{\"n\":" + i + "}"));
                }
                System.out.println(last == null ? "none" : last.sequence());
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
}
