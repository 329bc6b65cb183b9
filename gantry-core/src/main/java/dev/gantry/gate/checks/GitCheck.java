package dev.gantry.gate.checks;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.gate.Check;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.git.GitException;
import dev.gantry.git.GitRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Conditions on the release commit and the work tree, each given one checked: the branches it is on, a clean
 * tree, a tag not taken yet, and files that must change together. Met when every given condition holds.
 */
@Doc("The release commit is on a branch, the work tree is clean, the tag is new, files changed together")
public record GitCheck(
        @Doc("Branches the release commit must be on, one is enough: names or globs such as release/*;"
                        + " origin's remote-tracking branches count too")
                List<String> branches,
        @Doc("The work tree has no uncommitted changes; Gantry's own .gantry folder aside") boolean clean,
        @Doc("The release's tag does not exist yet") boolean tagAbsent,
        @Doc("Files that must change together since the previous release") List<ChangeRule> changed)
        implements Check {

    /** When a file matching {@code when} changed since the previous release, one matching {@code require} did too. */
    @Doc("When files matching `when` changed since the previous release, files matching `require` must have too")
    public record ChangeRule(
            @Required @Doc("Paths from the repository's top folder, such as config/**") String when,
            @Required @Doc("Paths that must have changed with them, such as docs/**") String require) {

        public ChangeRule {
            checkGlob("when", when);
            checkGlob("require", require);
        }
    }

    private static final String GANTRY_FOLDER = ".gantry";
    private static final int MAX_LISTED = 10;

    public GitCheck {
        branches = branches == null ? List.of() : List.copyOf(branches);
        changed = changed == null ? List.of() : List.copyOf(changed);
        if (branches.isEmpty() && !clean && !tagAbsent && changed.isEmpty()) {
            throw new IllegalArgumentException(
                    "a git check needs at least one condition: branches, clean: true, tagAbsent: true or changed");
        }
        for (String branch : branches) checkGlob("branches", branch);
    }

    private static void checkGlob(String key, String glob) {
        if (glob != null && glob.isBlank()) {
            throw new InvalidValue(key, "expected a name or a glob such as release/* or docs/**, got \"\"");
        }
    }

    /** How one condition came out. */
    private record Outcome(boolean holds, String evidence, List<String> details) {
        static Outcome of(boolean holds, String evidence) {
            return new Outcome(holds, evidence, List.of());
        }
    }

    @Override
    public CheckResult evaluate(CheckContext context) {
        GitRepository git = context.git();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Object> facts = new TreeMap<>();
        try {
            if (!branches.isEmpty()) outcomes.add(onBranch(git, context.commit()));
            if (clean) outcomes.add(cleanTree(git, facts));
            if (tagAbsent) outcomes.add(tagIsNew(git, context.tag()));
            if (!changed.isEmpty()) {
                Optional<String> previous = context.previousTag();
                Optional<String> base = previous.flatMap(git::tagCommit);
                if (previous.isPresent() && base.isEmpty()) {
                    return CheckResult.error("the previous release's tag " + previous.get() + " does not exist");
                }
                outcomes.addAll(changedTogether(git, context, base, facts));
            }
        } catch (GitException e) {
            return CheckResult.error(e.getMessage());
        }
        String evidence =
                String.join("; ", outcomes.stream().map(Outcome::evidence).toList());
        List<String> details =
                outcomes.stream().flatMap(o -> o.details().stream()).toList();
        boolean met = outcomes.stream().allMatch(Outcome::holds);
        return (met ? CheckResult.met(evidence) : CheckResult.unmet(evidence))
                .withDetails(details)
                .withFacts(facts);
    }

    private Outcome onBranch(GitRepository git, String commit) {
        List<Pattern> globs = branches.stream().map(GitCheck::glob).toList();
        List<String> containing = git.branchesContaining(commit);
        List<String> matching = containing.stream()
                .filter(b -> matchesAny(globs, b) || b.startsWith("origin/") && matchesAny(globs, b.substring(7)))
                .toList();
        if (!matching.isEmpty()) return Outcome.of(true, "on " + listed(matching, 3));
        String where = containing.isEmpty() ? "on no branch" : "on " + listed(containing, 3);
        return Outcome.of(false, "not on " + String.join(" or ", branches) + " (" + where + ")");
    }

    private static Outcome cleanTree(GitRepository git, Map<String, Object> facts) {
        List<String> dirty = git.uncommittedPaths().stream()
                .filter(p -> !Arrays.asList(p.split("/")).contains(GANTRY_FOLDER))
                .sorted()
                .toList();
        facts.put("uncommitted", dirty.size());
        if (dirty.isEmpty()) return Outcome.of(true, "tree clean");
        String count = dirty.size() == 1 ? "1 uncommitted path" : dirty.size() + " uncommitted paths";
        return new Outcome(false, "tree has " + count, limited("uncommitted: ", dirty));
    }

    private static Outcome tagIsNew(GitRepository git, String tag) {
        Optional<String> taken = git.tagCommit(tag);
        return taken.map(commit -> Outcome.of(false, "tag " + tag + " exists (on " + commit.substring(0, 7) + ")"))
                .orElseGet(() -> Outcome.of(true, "tag " + tag + " absent"));
    }

    private List<Outcome> changedTogether(
            GitRepository git, CheckContext context, Optional<String> base, Map<String, Object> facts) {
        List<String> files = git.changedFiles(base, context.commit());
        String since = context.previousTag().map(t -> "since " + t).orElse("since the first commit");
        facts.put("changedFiles", files.size());
        List<Outcome> outcomes = new ArrayList<>();
        for (ChangeRule rule : changed) {
            List<String> triggered = matching(files, rule.when());
            if (triggered.isEmpty()) {
                outcomes.add(Outcome.of(true, rule.when() + " unchanged " + since));
            } else if (!matching(files, rule.require()).isEmpty()) {
                outcomes.add(Outcome.of(true, rule.require() + " changed with " + rule.when()));
            } else {
                outcomes.add(new Outcome(
                        false,
                        rule.when() + " changed " + since + " but " + rule.require() + " did not",
                        limited("changed under " + rule.when() + ": ", triggered)));
            }
        }
        return outcomes;
    }

    private static List<String> matching(List<String> files, String glob) {
        Pattern pattern = glob(glob);
        return files.stream().filter(f -> pattern.matcher(f).matches()).sorted().toList();
    }

    private static boolean matchesAny(List<Pattern> globs, String name) {
        return globs.stream().anyMatch(g -> g.matcher(name).matches());
    }

    /**
     * A glob over slash-separated names, matching the whole name: a star and {@code ?} stay within one segment,
     * two stars cross segments, and two stars followed by a slash also stand for no folder at all.
     */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                boolean folders = i + 1 < glob.length() && glob.charAt(i + 1) == '/';
                if (folders) i++;
                regex.append(folders ? "(?:.*/)?" : ".*");
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String listed(List<String> names, int max) {
        if (names.size() <= max) return String.join(", ", names);
        return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }

    private static List<String> limited(String prefix, List<String> paths) {
        List<String> lines = new ArrayList<>(
                paths.stream().limit(MAX_LISTED).map(p -> prefix + p).toList());
        if (paths.size() > MAX_LISTED) lines.add("and " + (paths.size() - MAX_LISTED) + " more");
        return lines;
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!branches.isEmpty()) parts.add("release commit on " + String.join(" or ", branches));
        if (clean) parts.add("work tree clean");
        if (tagAbsent) parts.add("release tag not taken");
        for (ChangeRule rule : changed) parts.add(rule.require() + " changes with " + rule.when());
        return String.join("; ", parts);
    }
}
