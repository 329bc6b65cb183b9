package dev.gantry.gate;

import dev.gantry.git.GitRepository;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.plan.PlanHash;
import dev.gantry.store.Approval;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.StoreException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The approval rules: each role the release type requires signs off the exact commit being released under the
 * exact plan, by as many different people holding the role as it needs, one required role per person, and never by
 * the release's author where the rules want a separate approver.
 */
public final class Signoff {

    /** A required role, the approvals that fill it, and who could still give one. */
    public record RoleStatus(String role, int needed, List<Approval> approvals, List<String> holders, String from) {
        public RoleStatus {
            approvals = List.copyOf(approvals);
            holders = List.copyOf(holders);
        }

        public boolean given() {
            return approvals.size() >= needed;
        }

        /** Whether the role is required by a server policy rather than by the plan. */
        public boolean fromPolicy() {
            return !from.equals("plan");
        }

        /** Such as "qa 1 of 2". */
        public String progress() {
            return role + " " + approvals.size() + " of " + needed;
        }
    }

    /** Why an approval of the release no longer counts. */
    public enum Cancellation {
        /** It was given for another commit of the version. */
        ANOTHER_COMMIT,
        /** It was given under a plan that has changed since. */
        PLAN_CHANGED,
        /** It was recorded before approvals kept the plan's hash, so no plan can be shown to be the one approved. */
        NO_PLAN_HASH
    }

    /** An approval of the release that a change has cancelled, and why. */
    public record Cancelled(Approval approval, Cancellation cause, String reason) {}

    private Signoff() {}

    /** Why a role without holders cannot be filled, for a role nobody may give. */
    public static String nobody(RoleStatus role) {
        return role.fromPolicy()
                ? "nobody in the plan's people holds " + role.role() + ", which the " + role.from() + " requires"
                : "nobody in people can give it";
    }

    /**
     * Each required role with the approvals of {@code commit} under the plan of {@code planHash} that fill it, and
     * who could still give one: people holding the role who have not filled a required role and, where the rules want
     * a separate approver, are not among {@code authors}. Approvals of other commits or under other plans do not count.
     */
    public static List<RoleStatus> status(
            Plan plan, ApprovalRules rules, String commit, String planHash, List<Approval> approvals, Authors authors) {
        // An approval counts only from someone the plan lets give it: one written into the records by hand by anyone
        // else fills no role.
        List<Approval> counting = approvals.stream()
                .filter(a -> counts(a, commit, planHash) && rules.requires(a.role()))
                .filter(a ->
                        plan.person(a.person()).filter(p -> p.holds(a.role())).isPresent())
                .toList();
        Set<String> filled = new HashSet<>();
        List<List<Approval>> byRole = new ArrayList<>();
        for (ApprovalRules.RequiredRole ignored : rules.roles()) byRole.add(new ArrayList<>());
        for (Approval a : counting) {
            int index = rules.names().indexOf(a.role());
            // One person fills at most one required role, once; a role takes no more approvals than it needs.
            if (filled.contains(a.person())
                    || byRole.get(index).size() >= rules.roles().get(index).count()) continue;
            byRole.get(index).add(a);
            filled.add(a.person());
        }
        List<RoleStatus> roles = new ArrayList<>();
        for (int i = 0; i < rules.roles().size(); i++) {
            ApprovalRules.RequiredRole role = rules.roles().get(i);
            List<String> holders = plan.people().stream()
                    .filter(p -> p.holds(role.role()))
                    .filter(p -> !(rules.separateApprover() && authors.includes(p)))
                    .map(Person::name)
                    .filter(name -> !filled.contains(name))
                    .toList();
            roles.add(new RoleStatus(role.role(), role.count(), byRole.get(i), holders, role.from()));
        }
        return roles;
    }

    /** The approvals of the release that do not count for {@code commit} under the plan of {@code planHash}, and why. */
    public static List<Cancelled> cancelled(String commit, String planHash, List<Approval> approvals) {
        List<Cancelled> cancelled = new ArrayList<>();
        for (Approval a : approvals) {
            if (!a.commit().equals(commit)) {
                boolean planToo = a.planHash() != null && !a.planHash().equals(planHash);
                cancelled.add(new Cancelled(
                        a,
                        Cancellation.ANOTHER_COMMIT,
                        "given for another commit (" + shortly(a.commit()) + ")"
                                + (planToo ? "; the plan changed since too" : "")));
            } else if (a.planHash() == null) {
                cancelled.add(new Cancelled(
                        a,
                        Cancellation.NO_PLAN_HASH,
                        "given before approvals recorded the plan they were given under"));
            } else if (!a.planHash().equals(planHash)) {
                cancelled.add(new Cancelled(
                        a,
                        Cancellation.PLAN_CHANGED,
                        "the plan changed since (given under plan " + PlanHash.shortly(a.planHash()) + ", now "
                                + PlanHash.shortly(planHash) + ")"));
            }
        }
        return cancelled;
    }

    private static boolean counts(Approval a, String commit, String planHash) {
        return a.commit().equals(commit) && a.planHash() != null && a.planHash().equals(planHash);
    }

    /**
     * Who made the release: the author of every commit since the release before ({@code previousTag}; every commit
     * up to {@code commit} when there was none) and everyone who planned it.
     */
    public static Authors authors(
            GitRepository git, ReleaseLog log, String version, String commit, Optional<String> previousTag)
            throws StoreException {
        return Authors.of(git.authors(previousTag, commit), log.planners(version));
    }

    /**
     * Refuses an approval the rules do not allow, saying why.
     *
     * @param authors who made the release: the authors of its commits and whoever planned it
     * @param earlier the approvals already given for the release; only those of the same commit under the same plan
     *     count
     */
    public static void check(
            Plan plan, ApprovalRules rules, Approval approval, Authors authors, List<Approval> earlier) {
        Person person = plan.person(approval.person())
                .orElseThrow(() -> new IllegalArgumentException("\"" + approval.person()
                        + "\" is not in the plan's people; add them with the roles they hold"));
        if (!person.holds(approval.role())) {
            throw new IllegalArgumentException(person.name() + " does not hold the role " + approval.role()
                    + "; their roles: " + (person.roles().isEmpty() ? "none" : String.join(", ", person.roles())));
        }
        ApprovalRules.RequiredRole required = rules.role(approval.role())
                .orElseThrow(
                        () -> new IllegalArgumentException("a " + rules.type().label() + " release needs no "
                                + approval.role() + " approval; it needs: " + String.join(", ", rules.names())));
        if (rules.separateApprover() && authors.includes(person)) {
            throw new IllegalArgumentException(person.name() + " is an author of this release and "
                    + (plan.approvals().separateApprover()
                            ? "the plan wants a separate approver (approvals.separateApprover)"
                            : "the server's policy wants a separate approver"));
        }
        List<Approval> counting = earlier.stream()
                .filter(a -> counts(a, approval.commit(), approval.planHash()))
                .toList();
        List<Approval> sameRole =
                counting.stream().filter(a -> a.role().equals(approval.role())).toList();
        if (sameRole.size() >= required.count()) {
            String commit = shortly(approval.commit());
            if (required.count() == 1) {
                Approval a = sameRole.get(0);
                throw new IllegalArgumentException(approval.role() + " already approved commit " + commit + " ("
                        + a.person() + ", " + a.at() + ")");
            }
            throw new IllegalArgumentException(approval.role() + " already has its " + required.count()
                    + " approvals of commit " + commit + " ("
                    + String.join(", ", sameRole.stream().map(Approval::person).toList()) + ")");
        }
        for (Approval a : counting) {
            if (a.person().equals(person.name()) && rules.requires(a.role())) {
                throw new IllegalArgumentException(person.name() + " already approved this release as " + a.role()
                        + (a.role().equals(approval.role())
                                ? "; each approver of a role is a different person"
                                : "; one person fills at most one required role"));
            }
        }
    }

    private static String shortly(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
