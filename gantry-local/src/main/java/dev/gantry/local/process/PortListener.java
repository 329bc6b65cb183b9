package dev.gantry.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whose socket listens on a TCP port, as Linux's {@code /proc} tells. An instance is given a port that was free a
 * moment before it starts; until it binds the port, any other process on the machine may take it, and a health URL
 * on that port would then be answered by that process instead. Where {@code /proc} says nothing, the answer is
 * {@link Owner#UNKNOWN}.
 */
final class PortListener {

    enum Owner {
        /** The process or one it started listens on the port. */
        PROCESS,
        /** Another process listens on the port. */
        OTHER,
        /** Nobody listens on the port yet. */
        NOBODY,
        /** This system does not tell. */
        UNKNOWN
    }

    /** TCP state LISTEN in /proc/net/tcp. */
    private static final String LISTEN = "0A";

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private PortListener() {}

    /** Who listens on {@code port}: {@code process} (or one of its descendants), another process, or nobody. */
    static Owner of(int port, ProcessHandle process) {
        Set<String> sockets;
        try {
            sockets = listening(port);
        } catch (IOException | RuntimeException e) {
            return Owner.UNKNOWN;
        }
        if (sockets == null) return Owner.UNKNOWN;
        if (sockets.isEmpty()) return Owner.NOBODY;
        try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(process), process.descendants())) {
            for (ProcessHandle p : (Iterable<ProcessHandle>) tree::iterator) {
                Boolean holds = holdsAny(p.pid(), sockets);
                if (holds == null) return Owner.UNKNOWN;
                if (holds) return Owner.PROCESS;
            }
        }
        return Owner.OTHER;
    }

    /** The inodes of the sockets that listen on {@code port}; null when the tables cannot be read. */
    private static Set<String> listening(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        Set<String> inodes = new HashSet<>();
        boolean read = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) continue;
            read = true;
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 10 || !fields[3].equals(LISTEN)) continue;
                String local = fields[1];
                if (local.substring(local.indexOf(':') + 1).equalsIgnoreCase(hexPort)) inodes.add(fields[9]);
            }
        }
        return read ? inodes : null;
    }

    /** Whether the process has one of the sockets open; null when its descriptors cannot be read. */
    private static Boolean holdsAny(long pid, Set<String> inodes) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> open = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) open::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.startsWith("socket:[")
                        && inodes.contains(target.substring("socket:[".length(), target.length() - 1))) {
                    return true;
                }
            }
            return false;
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // the process ended meanwhile
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
