package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorFilesTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void anyEnvironmentOrRunIdGetsAFileOfItsOwnInsideTheFolder(@TempDir Path dir) throws Exception {
        AnchorFiles anchors = new AnchorFiles(dir.resolve("anchors"));
        List<String> names = List.of("..", ".", "../../etc/passwd", "prod/eu", "prod~1", "prod_2e", "prüfung", "a b");
        long sequence = 1;
        for (String name : names) anchors.set(name, name, new Anchors.Anchor(sequence++, HASH));

        sequence = 1;
        for (String name : names) {
            assertThat(anchors.of(name, name)).contains(new Anchors.Anchor(sequence++, HASH));
            assertThat(anchors.runs(name)).containsExactly(name);
        }
        try (var files = Files.list(dir.resolve("anchors"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .hasSize(names.size())
                    .allMatch(f -> f.matches("[A-Za-z0-9_-]+~[A-Za-z0-9_-]+"));
        }
        assertThat(dir.resolve("anchors")).isDirectory();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("anchors"));
        }
    }

    @Test
    void aRunWithoutAnchorHasNone(@TempDir Path dir) throws Exception {
        AnchorFiles anchors = new AnchorFiles(dir.resolve("anchors"));
        assertThat(anchors.of("production", "run-1")).isEmpty();
        assertThat(anchors.runs("production")).isEmpty();
    }
}
