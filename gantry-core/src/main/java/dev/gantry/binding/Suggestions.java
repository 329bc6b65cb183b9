package dev.gantry.binding;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys. */
public final class Suggestions {

    private Suggestions() {}

    static String unknownKey(String key, Collection<String> accepted) {
        String start = "unknown key " + Nodes.quote(key) + "; ";
        if (accepted.isEmpty()) return start + "this mapping takes no keys";
        return closest(key, accepted)
                .map(s -> start + "did you mean " + Nodes.quote(s) + "?")
                .orElse(start + "expected one of: " + String.join(", ", accepted));
    }

    /**
     * The accepted word nearest to {@code given}: at most two edits away, or one a prefix of the other, case
     * ignored. Two edits between two-letter words share nothing, so an edit distance must also be below the
     * shorter length.
     */
    public static Optional<String> closest(String given, Collection<String> accepted) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : accepted) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(g, c);
            boolean near = d <= 2 && d < Math.min(g.length(), c.length());
            boolean prefix = !g.isEmpty() && !c.isEmpty() && (c.startsWith(g) || g.startsWith(c));
            if ((near || prefix) && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
