package dev.gantry.plan.lint;

import dev.gantry.binding.Suggestions;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.DepEntry;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Validation;
import dev.gantry.plan.lint.Finding.Level;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in templated strings: each place replaces its own set, and any other {@code {word}} is sent as
 * written, so a typo such as {@code {versoin}} reaches a script or a query unreplaced. {@code ${NAME}} is the
 * shell's and is left alone.
 */
final class PlaceholderRules {

    /** What checks of criteria and validations replace, in every string of their settings. */
    static final List<String> CHECK = List.of("version", "tag", "environment", "commit");
    /** What metric sources replace in their settings; {query} is the trigger's query, given to a command. */
    static final List<String> SOURCE = List.of("version", "environment", "query");
    /** What a trigger's query may name: the version watched (or the stable one beside it) and the environment. */
    static final List<String> QUERY = List.of("version", "environment");

    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([A-Za-z][A-Za-z0-9_]*)}");

    private final Plan plan;
    private final Findings findings;

    PlaceholderRules(Plan plan, Findings findings) {
        this.plan = plan;
        this.findings = findings;
    }

    void check() {
        for (Environment e : plan.environments()) {
            if (e.target() != null) spec(e, e.target(), e.target().placeholders(), "the target");
            if (e.metrics() != null) spec(e, e.metrics(), SOURCE, "the metric source");
        }
        for (Criterion c : plan.criteria()) {
            if (c.check() != null) spec(c, c.check(), CHECK, "a check");
        }
        for (RollbackTrigger t : plan.rollback()) {
            if (t.query() != null) string(t, t, "query", t.query(), QUERY, "a trigger's query");
        }
        for (Validation v : plan.validation()) {
            if (v.check() != null) spec(v, v.check(), CHECK, "a check");
        }
        var changelog = plan.changelog();
        string(null, changelog, "commitUrl", changelog.commitUrl(), List.of("hash"), "a commit link");
        string(null, changelog, "compareUrl", changelog.compareUrl(), List.of("previous", "current"), "a compare link");
        string(null, changelog, "issueUrl", changelog.issueUrl(), List.of("id"), "an issue link");
    }

    /** Every string of a spec's settings, nested records, lists and maps included. */
    private void spec(DepEntry entry, Object spec, List<String> accepted, String where) {
        if (spec instanceof Record record) walk(entry, record, accepted, where);
    }

    private void walk(DepEntry entry, Record record, List<String> accepted, String where) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
            }
            value(entry, record, component.getName(), value, accepted, where);
        }
    }

    private void value(DepEntry entry, Record owner, String key, Object value, List<String> accepted, String where) {
        if (value instanceof String text) {
            string(entry, owner, key, text, accepted, where);
        } else if (value instanceof Record nested) {
            walk(entry, nested, accepted, where);
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++)
                value(entry, owner, key + "[" + i + "]", items.get(i), accepted, where);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((name, item) -> value(entry, owner, key + "[" + name + "]", item, accepted, where));
        }
    }

    private void string(DepEntry entry, Object owner, String key, String text, List<String> accepted, String where) {
        if (text == null) return;
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (accepted.contains(name)) continue;
            Optional<String> near = Suggestions.closest(name, accepted);
            String known = "{" + String.join("}, {", accepted) + "}";
            findings.at(
                    "placeholder-unknown",
                    Level.ERROR,
                    entry == null || entry.id() == null ? "" : entry.id(),
                    owner,
                    key,
                    "unknown placeholder {" + name + "} in " + where + ", sent as written; "
                            + near.map(s -> "did you mean {" + s + "}?").orElse("it replaces " + known));
        }
    }
}
