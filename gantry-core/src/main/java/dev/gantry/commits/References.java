package dev.gantry.commits;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds issue references ({@code #123}, {@code BUG-123}) in footers such as {@code Closes #12} or {@code Refs: BUG-7}. */
public final class References {

    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w/#-])(#\\d+|[A-Z][A-Z0-9]+-\\d+)\\b");
    private static final Set<String> REFERENCE_TOKENS = Set.of(
            "closes",
            "close",
            "closed",
            "fixes",
            "fix",
            "fixed",
            "resolves",
            "resolve",
            "resolved",
            "refs",
            "ref",
            "references",
            "see",
            "issue",
            "issues",
            "related",
            "part-of");

    private References() {}

    static List<String> find(List<Footer> footers) {
        Set<String> found = new LinkedHashSet<>();
        for (Footer footer : footers) {
            if (REFERENCE_TOKENS.contains(footer.token().toLowerCase(Locale.ROOT))) {
                collect(footer.text(), found);
            }
        }
        return List.copyOf(found);
    }

    /** The references a text names anywhere, such as a subject's {@code (#20)}, each once, in order. */
    public static List<String> inText(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text != null) collect(text, found);
        return List.copyOf(found);
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
