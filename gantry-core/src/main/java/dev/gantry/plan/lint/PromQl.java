package dev.gantry.plan.lint;

import java.util.Optional;
import java.util.regex.Pattern;

/** Just enough of PromQL's shape to see a ratio and whether its numerator can be empty. */
final class PromQl {

    private static final Pattern MATCHER = Pattern.compile("\\{[^}]*[=~][^}]*}");
    private static final Pattern OR = Pattern.compile("\\bor\\b");

    /** A ratio's two sides, split at the division outside every bracket and string. */
    record Ratio(String numerator, String denominator) {
        /**
         * Whether the numerator can have no series while the denominator has one: it selects some of the series
         * by a label (only the 5xx responses, say) and gives no fallback with {@code or}. A counter with a label
         * value nothing has had yet has no series at all, so the ratio is no series, not 0.
         */
        boolean numeratorCanBeEmpty() {
            return MATCHER.matcher(numerator).find()
                    && !OR.matcher(outside(numerator)).find();
        }

        /** The same ratio with a numerator that is 0 when it has no series. */
        String safe() {
            return "(" + numerator.strip() + " or vector(0)) / " + denominator.strip();
        }
    }

    private PromQl() {}

    static Optional<Ratio> ratio(String query) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
                continue;
            }
            switch (c) {
                case '"', '\'', '`' -> quote = c;
                case '(', '{', '[' -> depth++;
                case ')', '}', ']' -> depth--;
                case '/' -> {
                    if (depth == 0) return Optional.of(new Ratio(query.substring(0, i), query.substring(i + 1)));
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    /** {@code text} without its strings and label matchers, so a word there does not count. */
    private static String outside(String text) {
        StringBuilder kept = new StringBuilder();
        int braces = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
                kept.append(' ');
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') quote = c;
            else if (c == '{') braces++;
            else if (c == '}') braces--;
            kept.append(braces == 0 && quote == 0 && c != '}' ? c : ' ');
        }
        return kept.toString();
    }
}
