package dev.gantry.binding;

import java.nio.file.Path;
import java.util.Objects;

/** Where something is in a file: 1-based line and column. */
public record Position(Path file, int line, int column) {

    public Position {
        Objects.requireNonNull(file, "file");
    }

    /** {@code gantry.yaml:14:7}: the file name only, as editors and terminals link it. */
    @Override
    public String toString() {
        Path name = file.getFileName();
        return (name == null ? file : name) + ":" + line + ":" + column;
    }
}
