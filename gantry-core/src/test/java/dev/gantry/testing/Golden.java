package dev.gantry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Expected files kept in the test resources; {@code -Dgantry.updateGolden=true} rewrites them from the actual text. */
public final class Golden {

    private static final Path RESOURCES = Path.of("src/test/resources");

    private Golden() {}

    /** The expected text of {@code name} under the test resources, after rewriting it when asked to. */
    public static String expected(String name, String actual) throws IOException {
        Path file = RESOURCES.resolve(name);
        if (Boolean.getBoolean("gantry.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
