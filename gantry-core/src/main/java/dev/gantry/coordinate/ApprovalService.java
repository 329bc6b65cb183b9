package dev.gantry.coordinate;

import dev.gantry.gate.ApprovalRules;
import dev.gantry.gate.Authors;
import dev.gantry.gate.Signoff;
import dev.gantry.git.GitRepository;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanHash;
import dev.gantry.policy.Policy;
import dev.gantry.release.Candidate;
import dev.gantry.store.Approval;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import dev.gantry.text.PersonText;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approving a release and seeing what it still needs: the use-cases behind {@code gantry approve} and {@code gantry
 * approvals}, on the command line and on the server. An approval is bound to the exact commit and version and to
 * the plan it was given under: a change to any of them cancels it.
 */
public final class ApprovalService {

    private final ReleaseLog log;
    private final GitRepository repository;

    public ApprovalService(Store store, GitRepository repository) {
        this.log = new ReleaseLog(store);
        this.repository = repository;
    }

    /**
     * Records {@code person}'s approval of the candidate as {@code role}.
     *
     * @throws Refused when the plan's rules do not allow it: the person is not in the plan or does not hold the
     *     role, the release needs no such approval, the person is an author where a separate approver is wanted,
     *     or the role or the person has approved this commit already
     */
    public Approval approve(Plan plan, Candidate candidate, String role, String person, String comment, Instant at)
            throws StoreException, Refused {
        return approve(plan, Optional.empty(), candidate, role, person, comment, at);
    }

    /**
     * Records an approval under the effective rules: the plan's with what the server's {@code policy} adds, in
     * every environment (an approval is of the release, wherever it goes).
     */
    public Approval approve(
            Plan plan,
            Optional<Policy> policy,
            Candidate candidate,
            String role,
            String person,
            String comment,
            Instant at)
            throws StoreException, Refused {
        Optional<String> refused = PersonText.refusal("--comment", comment, false);
        if (refused.isPresent()) throw new Refused(refused.get());
        String version = candidate.version().toString();
        Approval approval = new Approval(version, candidate.commit(), role, person, comment, at, PlanHash.of(plan));
        try {
            Signoff.check(plan, rules(plan, policy, candidate), approval, authors(candidate), log.approvals(version));
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        log.approve(approval);
        return approval;
    }

    /** Each required role of the candidate, given or missing, and who could still give it. */
    public ApprovalStatus status(Plan plan, Candidate candidate) throws StoreException {
        return status(plan, Optional.empty(), candidate);
    }

    /** The status under the plan's rules with what the server's {@code policy} adds, in any environment. */
    public ApprovalStatus status(Plan plan, Optional<Policy> policy, Candidate candidate) throws StoreException {
        String version = candidate.version().toString();
        List<Approval> approvals = log.approvals(version);
        String planHash = PlanHash.of(plan);
        List<Signoff.RoleStatus> roles = Signoff.status(
                plan, rules(plan, policy, candidate), candidate.commit(), planHash, approvals, authors(candidate));
        return new ApprovalStatus(
                version,
                candidate.type(),
                candidate.commit(),
                planHash,
                roles,
                Signoff.cancelled(candidate.commit(), planHash, approvals));
    }

    private static ApprovalRules rules(Plan plan, Optional<Policy> policy, Candidate candidate) {
        return ApprovalRules.of(plan, candidate.type(), policy, Optional.empty());
    }

    private Authors authors(Candidate candidate) throws StoreException {
        return Signoff.authors(
                repository, log, candidate.version().toString(), candidate.commit(), candidate.previousTag());
    }
}
