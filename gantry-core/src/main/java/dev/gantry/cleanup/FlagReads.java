package dev.gantry.cleanup;

import dev.gantry.git.GitRepository;
import dev.gantry.git.GitRepository.PatternKind;
import dev.gantry.git.GrepLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the repository's files name flags, in any language: each flag's name as written (not as part of a longer
 * name), and every flag named to a flag client's call, such as Unleash's {@code isEnabled("x")}, OpenFeature's
 * {@code getBooleanValue("x", false)} or LaunchDarkly's {@code boolVariation("x", ...)}.
 */
public final class FlagReads {

    /** The calls of flag clients that take a flag's name first, across Unleash's, OpenFeature's and others' SDKs. */
    static final List<String> CALLS = List.of(
            "isEnabled",
            "is_enabled?",
            "is_enabled",
            "IsEnabled",
            "enabled?",
            "getVariant",
            "get_variant",
            "GetVariant",
            "useFlag",
            "useVariant",
            "isFeatureEnabled",
            "getBooleanValue",
            "getBooleanDetails",
            "getStringValue",
            "getStringDetails",
            "getIntegerValue",
            "getIntegerDetails",
            "getDoubleValue",
            "getDoubleDetails",
            "getNumberValue",
            "getNumberDetails",
            "getObjectValue",
            "getObjectDetails",
            "get_boolean_value",
            "get_string_value",
            "get_integer_value",
            "get_float_value",
            "get_object_value",
            "BooleanValue",
            "StringValue",
            "IntValue",
            "FloatValue",
            "ObjectValue",
            "variation",
            "boolVariation",
            "BoolVariation",
            "stringVariation",
            "StringVariation");

    /** The calls for git (POSIX extended): a call's name, an opening parenthesis, a quote. */
    private static final String CALL_SEARCH = "(^|[^A-Za-z0-9_])("
            + String.join("|", CALLS.stream().map(c -> c.replace("?", "\\?")).toList())
            + ")[[:space:]]*\\([[:space:]]*[\"'`]";

    /** The same calls with the flag's name taken out; run only on lines git found, by a pattern of our own. */
    private static final Pattern CALL = Pattern.compile("(?<![A-Za-z0-9_])(?:"
            + String.join("|", CALLS.stream().map(Pattern::quote).toList())
            + ")\\s*\\(\\s*([\"'`])([^\"'`\\s]{1,200})\\1");

    /** Characters that continue a flag's name: a name found between two of them is part of another name. */
    private static final String NAME_CHARS = "A-Za-z0-9_.\\-";

    private static final int CONTEXT = 60;

    private final GitRepository repository;
    private final List<String> excluded;

    /** @param excluded paths not to read (git pathspecs): the plan itself, the documents Gantry writes */
    public FlagReads(GitRepository repository, List<String> excluded) {
        this.repository = repository;
        this.excluded = List.copyOf(excluded);
    }

    /** Each of {@code names} with the places it is written, in file and line order; every name is a key. */
    public Map<String, List<CodePlace>> of(Collection<String> names) {
        Map<String, List<CodePlace>> places = new LinkedHashMap<>();
        for (String name : names) places.put(name, new ArrayList<>());
        Map<String, Pattern> wanted = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.isEmpty())
                wanted.put(
                        name,
                        Pattern.compile(
                                "(?<![" + NAME_CHARS + "])" + Pattern.quote(name) + "(?![" + NAME_CHARS + "])"));
        }
        for (GrepLine line : repository.grep(PatternKind.FIXED, List.copyOf(wanted.keySet()), excluded)) {
            wanted.forEach((name, whole) -> {
                Matcher m = whole.matcher(line.text());
                if (m.find()) places.get(name).add(place(line, m.start(), name.length()));
            });
        }
        return places;
    }

    /** Every flag named to a flag client's call, with where; names in {@code known} left out. */
    public Map<String, List<CodePlace>> calledBesides(Collection<String> known) {
        Map<String, List<CodePlace>> calls = new LinkedHashMap<>();
        for (GrepLine line : repository.grep(PatternKind.EXTENDED, List.of(CALL_SEARCH), excluded)) {
            Matcher m = CALL.matcher(line.text());
            while (m.find()) {
                String name = m.group(2);
                if (known.contains(name)) continue;
                calls.computeIfAbsent(name, n -> new ArrayList<>()).add(place(line, m.start(2), name.length()));
            }
        }
        return calls;
    }

    private static CodePlace place(GrepLine line, int start, int length) {
        String text = line.text();
        String shown = text.length() <= 2 * CONTEXT + length
                ? text.strip()
                : (start > CONTEXT ? "…" : "")
                        + text.substring(
                                        Math.max(0, start - CONTEXT), Math.min(text.length(), start + length + CONTEXT))
                                .strip()
                        + (start + length + CONTEXT < text.length() ? "…" : "");
        return new CodePlace(line.path(), line.line(), start + 1, shown);
    }
}
