package dev.gantry.cleanup;

/**
 * A place in the repository's files where a flag's name is written.
 *
 * @param column 1-based, in characters
 * @param text the line, cut to a few dozen characters around the name when it is long (minified code)
 */
public record CodePlace(String path, int line, int column, String text) {

    @Override
    public String toString() {
        return path + ":" + line + ":" + column;
    }
}
