package dev.gantry.local.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The instances a group started, as JSON, replaced whole on every change so a crash never leaves half a file. */
final class InstanceStateFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    InstanceStateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    void write(List<InstanceRecord> records) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode instances = json.putArray("instances");
        for (InstanceRecord r : records) {
            ObjectNode entry = instances.addObject();
            entry.put("version", r.version());
            entry.put("port", r.port());
            entry.put("pid", r.pid());
            if (r.startedAt().isPresent())
                entry.put("startedAt", r.startedAt().get().toString());
            else entry.putNull("startedAt");
            entry.put("log", r.log().toString());
        }
        AtomicFile.write(file, json.toPrettyString() + "\n");
    }

    List<InstanceRecord> read() throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<InstanceRecord> records = new ArrayList<>();
        try {
            JsonNode instances = MAPPER.readTree(text).get("instances");
            for (JsonNode entry : instances) {
                JsonNode started = entry.get("startedAt");
                records.add(new InstanceRecord(
                        entry.get("version").asText(),
                        entry.get("port").asInt(),
                        entry.get("pid").asLong(),
                        started == null || started.isNull()
                                ? Optional.empty()
                                : Optional.of(Instant.parse(started.asText())),
                        Path.of(entry.get("log").asText())));
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not an instance state file: " + e.getMessage(), e);
        }
        return records;
    }
}
