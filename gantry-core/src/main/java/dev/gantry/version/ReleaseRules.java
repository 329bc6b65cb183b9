package dev.gantry.version;

import dev.gantry.commits.Change;
import java.util.List;
import java.util.Set;

/** Decides the bump of one change: the user's rules first (first match wins), then the defaults. */
public final class ReleaseRules {

    private static final Set<String> PATCH_TYPES = Set.of("fix", "perf", "revert");

    private final List<ReleaseRule> custom;

    public ReleaseRules(List<ReleaseRule> custom) {
        this.custom = List.copyOf(custom);
    }

    public record Outcome(Bump bump, String reason) {}

    public Outcome evaluate(Change change) {
        for (int i = 0; i < custom.size(); i++) {
            ReleaseRule rule = custom.get(i);
            // A rule that does not name "breaking" never lowers a breaking change: hiding one by accident
            // is the costliest mistake a version tool can make.
            if (change.breaking() && rule.breaking() == null) continue;
            if (rule.matches(change)) {
                return new Outcome(rule.release(), "release rule " + (i + 1) + " (" + rule.describe() + ")");
            }
        }
        if (change.breaking()) return new Outcome(Bump.MAJOR, "breaking change");
        if (change.hasType("feat")) return new Outcome(Bump.MINOR, "feat");
        for (String type : PATCH_TYPES) {
            if (change.hasType(type)) return new Outcome(Bump.PATCH, type);
        }
        return new Outcome(
                Bump.NONE,
                change.type().map(t -> "type " + t + " does not release").orElse("not a conventional commit"));
    }
}
