package dev.gantry.gate.checks;

import dev.gantry.commits.Commit;
import dev.gantry.gate.CheckContext;
import dev.gantry.gate.CheckResult;
import dev.gantry.git.GitException;
import dev.gantry.git.GitRepository;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether evidence was made for the release being gated, for checks asked to be {@code fresh}: a report that names
 * the commit it was made from names the release commit; a plain file was last changed by the release commit or
 * by one after the previous release, or was uploaded for the release commit. A report from an older build looks
 * exactly like a current one otherwise.
 *
 * @param evidence why it is fresh or not, for the check's evidence line
 */
record Freshness(boolean fresh, String evidence) {

    private static final int MIN_ABBREVIATION = 7;

    static Freshness fresh(String evidence) {
        return new Freshness(true, evidence);
    }

    static Freshness stale(String evidence) {
        return new Freshness(false, evidence);
    }

    /** Whether {@code revision}, as a report names it, is {@code commit}: in full, or abbreviated to 7 or more. */
    static boolean sameCommit(String revision, String commit) {
        String named = revision.strip().toLowerCase(Locale.ROOT);
        return named.length() >= MIN_ABBREVIATION
                && commit.toLowerCase(Locale.ROOT).startsWith(named);
    }

    /** How messages show a commit: its first seven characters. */
    static String abbreviated(String commit) {
        String text = commit.strip();
        return text.length() > MIN_ABBREVIATION ? text.substring(0, MIN_ABBREVIATION) : text;
    }

    /**
     * Whether {@code revisions}, the commits a report says it was made from, are all the release commit; {@code
     * what} names the report or its part, such as "runs[0] (Trivy)", and {@code where} the place a commit is
     * looked for, such as "versionControlProvenance[].revisionId".
     */
    static Freshness ofRevisions(String what, String where, List<String> revisions, String commit) {
        if (revisions.isEmpty()) return stale(what + " names no commit in " + where);
        for (String revision : revisions) {
            if (!sameCommit(revision, commit)) {
                return stale(what + " was made from " + abbreviated(revision) + ", not the release commit "
                        + abbreviated(commit));
            }
        }
        return fresh(what + " was made from the release commit " + abbreviated(commit));
    }

    /** {@code result} with this freshness added to its evidence: met only when it was met and this is fresh. */
    CheckResult applyTo(CheckResult result) {
        if (result.status() != CheckResult.Status.MET) return result;
        String line = result.evidence() + "; " + evidence;
        Map<String, Object> facts = new TreeMap<>(result.facts());
        facts.put("fresh", fresh);
        return (fresh ? CheckResult.met(line) : CheckResult.unmet(line))
                .withDetails(result.details())
                .withFacts(facts);
    }

    /**
     * Whether a plain file, committed, was last changed by the release commit or after the previous release. A
     * file with changes not committed is not: its history does not say when its content was made.
     *
     * @throws GitException when git cannot answer, or the previous release's tag is missing
     */
    static Freshness ofFile(CheckContext context, EvidenceFile file) {
        String name = file.name();
        // Uploaded for the release commit, by CI that built it: made for this release, whatever git says of the path.
        Optional<dev.gantry.store.Evidence.Upload> uploaded = context.uploads().uploaded(name);
        if (uploaded.isPresent()) {
            return fresh(name + " was uploaded for the release commit by "
                    + uploaded.get().by() + " at " + uploaded.get().at());
        }
        GitRepository git = context.git();
        if (git == null) throw new GitException("cannot tell whether " + name + " is fresh without a git repository");
        for (String changed : git.uncommittedPaths()) {
            if (changed.equals(name) || (changed.endsWith("/") && name.startsWith(changed))) {
                return stale(name + " has changes not committed, so git cannot tell when it was made");
            }
        }
        Optional<String> previous = context.previousTag();
        Optional<String> base = previous.flatMap(git::tagCommit);
        if (previous.isPresent() && base.isEmpty()) {
            throw new GitException("the previous release's tag " + previous.get() + " does not exist");
        }
        List<Commit> since = git.log(base, context.commit(), List.of(name));
        if (!since.isEmpty()) {
            String when = previous.map(tag -> " since " + tag).orElse("");
            return fresh(name + " last changed in " + since.get(0).shortHash() + when);
        }
        return previous.isEmpty()
                ? stale(name + " is not in git at the release commit")
                : stale(name + " was last changed before " + previous.get());
    }
}
