package dev.gantry.local.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A proxy process as its state file records it, so a Gantry process started later (after a crash, or a second
 * command) can find the proxy, check it is the same process and not a new one that got its pid, and steer it
 * through the admin port.
 *
 * @param startedAt the process's start as the operating system reports it, to tell a reused pid apart
 */
public record RunningProxy(long pid, Instant startedAt, int port, int adminPort) {

    /** This process, listening on these ports. */
    public static RunningProxy current(int port, int adminPort) {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info()
                .startInstant()
                .orElseThrow(() -> new IllegalStateException("the system does not report this process's start"));
        return new RunningProxy(self.pid(), started, port, adminPort);
    }

    /** Writes the file at once or not at all: a reader never sees half of it. */
    public void write(Path file) throws IOException {
        ObjectNode json = AdminJson.MAPPER.createObjectNode();
        json.put("pid", pid);
        json.put("startedAt", startedAt.toString());
        json.put("port", port);
        json.put("adminPort", adminPort);
        AtomicFile.write(file, json.toPrettyString() + "\n");
    }

    /** The proxy a state file names, empty when there is no file. */
    public static Optional<RunningProxy> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode json = AdminJson.MAPPER.readTree(text);
            return Optional.of(new RunningProxy(
                    json.get("pid").asLong(),
                    Instant.parse(json.get("startedAt").asText()),
                    json.get("port").asInt(),
                    json.get("adminPort").asInt()));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a proxy state file: " + e.getMessage(), e);
        }
    }

    /** The process, when it still runs and is the one that wrote the file. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(startedAt::equals).orElse(false));
    }

    public ProxyAdminClient admin() {
        return new ProxyAdminClient("127.0.0.1", adminPort);
    }
}
