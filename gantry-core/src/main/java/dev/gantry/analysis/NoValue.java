package dev.gantry.analysis;

/** Why a query gives no value, in the words of the reading's problem: thrown inside a source, never out of it. */
final class NoValue extends Exception {

    NoValue(String problem) {
        super(problem, null, false, false);
    }

    /**
     * The problem of a failure no source foresaw: a watch goes on with a reading without a value, which counts
     * towards the trigger's noData, rather than stopping the run.
     */
    static String unexpected(RuntimeException e) {
        return "the source failed: "
                + cut(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** Text for a problem, in quotes. */
    static String quote(String text) {
        return "\"" + cut(text) + "\"";
    }

    /** Text for a problem, cut so that a page of output stays one line. */
    static String cut(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
