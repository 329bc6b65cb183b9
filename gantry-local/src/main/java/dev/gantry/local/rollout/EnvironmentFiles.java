package dev.gantry.local.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The folder of one local environment, shared by the target that runs it and the metric source that reads it:
 *
 * <pre>
 * proxy.json       the proxy process: pid, start instant, traffic and admin ports (written by the proxy)
 * proxy.log        what the proxy printed
 * instances.json   the instances of every version: pid, start instant, port, log
 * logs/            one log per instance
 * target.json      the target's settings the source needs: the health path
 * </pre>
 */
public record EnvironmentFiles(Path dir) {

    /** The default folder, from the repository's top folder. */
    public static final String DEFAULT_DIR = ".gantry/local/{environment}";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The folder {@code dir} names for {@code environment}, from {@code root}. */
    public static EnvironmentFiles of(Path root, String dir, String environment) {
        return new EnvironmentFiles(
                root.resolve(dir.replace("{environment}", environment)).normalize());
    }

    public Path proxyState() {
        return dir.resolve("proxy.json");
    }

    public Path proxyLog() {
        return dir.resolve("proxy.log");
    }

    public Path instances() {
        return dir.resolve("instances.json");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path settings() {
        return dir.resolve("target.json");
    }

    void writeSettings(String healthPath) throws IOException {
        ObjectNode json = JSON.createObjectNode().put("health", healthPath);
        AtomicFile.write(settings(), json.toPrettyString() + "\n");
    }

    /** The path on each instance that answers 200 once it serves, as the target last wrote it; /health before. */
    public String healthPath() throws IOException {
        String text;
        try {
            text = Files.readString(settings());
        } catch (NoSuchFileException e) {
            return LocalTarget.DEFAULT_HEALTH;
        }
        JsonNode health = JSON.readTree(text).get("health");
        if (health == null || !health.isTextual()) throw new IOException(settings() + ": no \"health\" path in it");
        return health.asText();
    }
}
