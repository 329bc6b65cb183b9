package dev.gantry.plan.yaml;

import java.nio.file.Path;

/** Where something is in a file: 1-based line and column. */
public record Position(Path file, int line, int column) {
    @Override
    public String toString() {
        return file.getFileName() + ":" + line + ":" + column;
    }
}
