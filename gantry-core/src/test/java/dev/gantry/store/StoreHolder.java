package dev.gantry.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run as a child process by the tests: opens the database in the folder given as a process that does not share it
 * does (an older Gantry, or a database tool: no automatic mixed mode), prints {@code open} and keeps it open until
 * its stdin ends, so that the test meets the file locked by another process.
 */
public final class StoreHolder {

    private StoreHolder() {}

    public static void main(String[] args) throws Exception {
        String url = "jdbc:h2:file:" + Path.of(args[0]).toAbsolutePath().resolve("gantry") + ";WRITE_DELAY=0";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            System.out.println("open");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
