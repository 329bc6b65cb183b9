package dev.gantry.flags.sdk.json;

/**
 * A JSON document that cannot be read: where (1-based line and column), at which path ({@code $} for the root,
 * then {@code features[2].strategies[0]}), and what was expected.
 */
public final class InvalidJson extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    public InvalidJson(int line, int column, String path, String problem) {
        super(line + ":" + column + ": " + path + ": " + problem);
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
