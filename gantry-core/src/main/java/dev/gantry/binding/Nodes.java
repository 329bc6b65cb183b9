package dev.gantry.binding;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** How YAML nodes and the user's text are named in messages. */
final class Nodes {

    private Nodes() {}

    /** An explicit null: {@code ~}, {@code null} or nothing after the colon; a quoted "null" is text. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** "a list", "a mapping" or the quoted scalar, for "expected ..., got ..." messages. */
    static String describe(Node node) {
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof ScalarNode scalar) return quote(scalar.getValue());
        return "an unexpected node";
    }

    /** The user's text in double quotes, on one line so the message stays one line. */
    static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** snakeyaml's account of a syntax error, cut to one short clause. */
    static String syntaxProblem(String context, String problem) {
        if (problem == null || problem.isBlank()) return "invalid YAML" + (context == null ? "" : ": " + context);
        if (problem.contains("(TAB)")) return "invalid YAML: tabs cannot indent YAML, use spaces";
        String text = problem.strip();
        int sentenceEnd = text.indexOf(". ");
        if (sentenceEnd > 0) text = text.substring(0, sentenceEnd);
        if (text.endsWith(".")) text = text.substring(0, text.length() - 1);
        // "expected a single document in the stream" is the context, "but found another document" the problem.
        if (context != null && context.startsWith("expected ")) text = context + ", " + text;
        return "invalid YAML: " + text;
    }
}
