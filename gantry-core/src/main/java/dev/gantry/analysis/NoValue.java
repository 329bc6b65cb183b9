package dev.gantry.analysis;

/** Why a query gives no value, in the words of the reading's problem: thrown inside a source, never out of it. */
final class NoValue extends Exception {

    NoValue(String problem) {
        super(problem, null, false, false);
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
