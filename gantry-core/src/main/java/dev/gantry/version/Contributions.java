package dev.gantry.version;

import dev.gantry.commits.Change;
import dev.gantry.commits.Commit;
import dev.gantry.commits.Reverted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Works out what each commit of a range contributes, with reverts inside the range cancelling out. */
public final class Contributions {

    private Contributions() {}

    /**
     * @param commits the commits of the range, newest first (git log order)
     * @param policy the release rules, and whether a squash's {@code * type: ...} lines count as commits
     */
    public static List<Contribution> of(List<Commit> commits, Versioning policy) {
        ReleaseRules rules = new ReleaseRules(policy.releaseRules());
        List<Commit> newestFirst =
                commits.stream().map(c -> c.reading(policy.squashBullets())).toList();
        Map<String, String> cancelled = cancelled(newestFirst);
        List<Contribution> result = new ArrayList<>(newestFirst.size());
        for (Commit commit : newestFirst) {
            if (commit.message().skipRelease()) {
                result.add(new Contribution(commit, Bump.NONE, false, "[skip release] in the message"));
            } else if (cancelled.containsKey(commit.hash())) {
                result.add(new Contribution(commit, Bump.NONE, true, cancelled.get(commit.hash())));
            } else {
                result.add(evaluate(commit, rules));
            }
        }
        return result;
    }

    private static Contribution evaluate(Commit commit, ReleaseRules rules) {
        Bump bump = Bump.NONE;
        List<String> reasons = new ArrayList<>();
        for (Change change : commit.message().changes()) {
            ReleaseRules.Outcome outcome = rules.evaluate(change);
            bump = bump.max(outcome.bump());
            reasons.add(outcome.reason());
        }
        String reason = String.join("; ", reasons);
        if (commit.message().isRevert() && bump != Bump.NONE) {
            reason += " (a reverted commit is not in this range)";
        }
        return new Contribution(commit, bump, false, reason);
    }

    /**
     * Why each cancelled commit of the range is cancelled. A commit cancels the commits of the range it names as
     * reverted; a revert whose every named commit is in the range cancels itself too, while one that also takes
     * back an earlier release's change stays a patch. Walking newest first makes a revert of a revert cancel the
     * inner revert and leave the original change standing.
     */
    private static Map<String, String> cancelled(List<Commit> newestFirst) {
        Map<String, String> cancelled = new HashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Commit revert = newestFirst.get(i);
            var message = revert.message();
            if (message.reverted().isEmpty() || message.skipRelease() || cancelled.containsKey(revert.hash())) {
                continue;
            }
            List<String> found = new ArrayList<>();
            for (Reverted target : message.reverted()) {
                for (int j = i + 1; j < newestFirst.size(); j++) {
                    Commit candidate = newestFirst.get(j);
                    if (cancelled.containsKey(candidate.hash())
                            || candidate.message().skipRelease()) continue;
                    if (target.matches(candidate)) {
                        cancelled.put(candidate.hash(), "reverted by " + revert.shortHash());
                        found.add(candidate.shortHash());
                        break;
                    }
                }
            }
            if (message.isRevert() && found.size() == message.reverted().size()) {
                cancelled.put(revert.hash(), "reverts " + String.join(", ", found) + " of the same range");
            }
        }
        return cancelled;
    }
}
