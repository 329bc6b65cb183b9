package dev.gantry.version;

import dev.gantry.commits.Change;
import dev.gantry.commits.Commit;
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
        Map<String, Pairing> pairedWith = cancelledPairs(newestFirst);
        List<Contribution> result = new ArrayList<>(newestFirst.size());
        for (Commit commit : newestFirst) {
            Pairing pairing = pairedWith.get(commit.hash());
            if (commit.message().skipRelease()) {
                result.add(new Contribution(commit, Bump.NONE, false, "[skip release] in the message"));
            } else if (pairing != null) {
                String reason = pairing.reverts()
                        ? "reverts " + pairing.partner().shortHash() + " of the same range"
                        : "reverted by " + pairing.partner().shortHash();
                result.add(new Contribution(commit, Bump.NONE, true, reason));
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
            reason += " (the reverted commit is not in this range)";
        }
        return new Contribution(commit, bump, false, reason);
    }

    /**
     * Pairs each revert with the commit it reverts when both are in the range. Walking newest first makes a
     * revert of a revert cancel the inner revert and leave the original change standing.
     */
    private static Map<String, Pairing> cancelledPairs(List<Commit> newestFirst) {
        Map<String, Pairing> paired = new HashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Commit revert = newestFirst.get(i);
            if (!revert.message().isRevert() || revert.message().skipRelease() || paired.containsKey(revert.hash())) {
                continue;
            }
            for (int j = i + 1; j < newestFirst.size(); j++) {
                Commit candidate = newestFirst.get(j);
                if (paired.containsKey(candidate.hash()) || candidate.message().skipRelease()) continue;
                if (reverts(revert, candidate)) {
                    paired.put(revert.hash(), new Pairing(candidate, true));
                    paired.put(candidate.hash(), new Pairing(revert, false));
                    break;
                }
            }
        }
        return paired;
    }

    /** The other commit of a cancelled pair, and whether this commit is the one that reverts. */
    private record Pairing(Commit partner, boolean reverts) {}

    private static boolean reverts(Commit revert, Commit candidate) {
        var message = revert.message();
        if (message.revertedHash().isPresent()) {
            return candidate.hash().startsWith(message.revertedHash().get());
        }
        return message.revertedHeader()
                .map(h -> h.equals(candidate.message().header()))
                .orElse(false);
    }
}
