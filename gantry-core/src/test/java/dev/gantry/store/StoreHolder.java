package dev.gantry.store;

import java.nio.file.Path;

/**
 * Run as a child process by the tests: opens the store in the folder given, prints {@code open} and keeps it open
 * until its stdin ends, so that the test meets the file locked by another process.
 */
public final class StoreHolder {

    private StoreHolder() {}

    public static void main(String[] args) throws Exception {
        try (H2Store store = H2Store.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
