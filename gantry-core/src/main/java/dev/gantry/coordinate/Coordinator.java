package dev.gantry.coordinate;

import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a release: it holds the environment's lease. Its id names the process on its machine,
 * with the process's start time so a reused process id is never taken for it: a run whose coordinator was killed
 * is taken up at once by another process on the same machine, without waiting for the lease to expire.
 */
public record Coordinator(String id) {

    private static final String SEPARATOR = "@";

    /** This process. */
    public static Coordinator thisProcess() {
        return new Coordinator(process() + SEPARATOR + host());
    }

    /**
     * One of several coordinators in this process, such as each server in a test of replicas: {@code instance}
     * tells them apart while the process part still lets a dead process's runs be taken at once.
     */
    public static Coordinator thisProcess(String instance) {
        if (!instance.matches("[A-Za-z0-9-]{1,40}"))
            throw new IllegalArgumentException("an instance is 1 to 40 letters, digits and dashes, not " + instance);
        return new Coordinator(process() + " " + instance + SEPARATOR + host());
    }

    private static String process() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return "pid " + self.pid() + " (started " + started + ")";
    }

    /** Whether the holder {@code id} is a process of this machine that no longer runs. */
    public static boolean deadHere(String id) {
        int at = id.lastIndexOf(SEPARATOR);
        if (at < 0 || !id.substring(at + 1).equals(host()) || !id.startsWith("pid ")) return false;
        String[] parts = id.substring(4, at).split(" \\(started |\\)");
        if (parts.length < 2) return false;
        long pid;
        long started;
        try {
            pid = Long.parseLong(parts[0]);
            started = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return true;
        long actual =
                process.get().info().startInstant().map(Instant::toEpochMilli).orElse(started);
        return actual != started;
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) return name;
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname"))
                    .strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
