package dev.gantry.version;

import dev.gantry.binding.Doc;
import dev.gantry.commits.Change;
import java.util.Locale;
import java.util.regex.Pattern;

/** A custom release rule, as in semantic-release's {@code releaseRules}: changes that match get {@code release}. */
@Doc("Changes that match every given field get the release")
public record ReleaseRule(
        @Doc("The commit type, case-insensitive; any type when absent") String type,
        @Doc("The scope, a glob where * matches any characters; any scope when absent") String scope,
        @Doc("true: only breaking changes match, and only such a rule can lower one; false: only others")
                Boolean breaking,
        @Doc("What a matching change releases") Bump release) {

    public ReleaseRule {
        if (type == null && scope == null && breaking == null) {
            throw new IllegalArgumentException(
                    "a release rule needs at least one of \"type\", \"scope\", \"breaking\"");
        }
        if (release == null) {
            throw new IllegalArgumentException("a release rule needs \"release\": one of major, minor, patch, none");
        }
    }

    boolean matches(Change change) {
        if (type != null && !change.type().map(t -> t.equalsIgnoreCase(type)).orElse(false)) return false;
        if (scope != null && !change.scope().map(this::scopeMatches).orElse(false)) return false;
        return breaking == null || breaking == change.breaking();
    }

    private boolean scopeMatches(String actual) {
        String regex = Pattern.quote(scope.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
        return actual.toLowerCase(Locale.ROOT).matches(regex);
    }

    String describe() {
        StringBuilder s = new StringBuilder();
        if (type != null) s.append("type ").append(type);
        if (scope != null) s.append(s.length() > 0 ? ", " : "").append("scope ").append(scope);
        if (breaking != null) s.append(s.length() > 0 ? ", " : "").append(breaking ? "breaking" : "not breaking");
        return s.toString();
    }
}
