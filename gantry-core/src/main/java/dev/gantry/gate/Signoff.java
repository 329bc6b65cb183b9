package dev.gantry.gate;

import dev.gantry.git.GitRepository;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.store.Approval;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.StoreException;
import dev.gantry.version.ReleaseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approval rules: each role the release type requires signs off the exact commit being released, by a
 * person who holds the role, one required role per person, and never by the release's author where the plan
 * wants a separate approver.
 */
public final class Signoff {

    /** A required role, the approval that fills it if any, and who could still give it. */
    public record RoleStatus(String role, Optional<Approval> approval, List<String> holders) {
        public boolean given() {
            return approval.isPresent();
        }
    }

    private Signoff() {}

    /**
     * Each required role with the approval of {@code commit} that fills it, and who could still give it: people
     * holding the role who have not filled another required role and, where the plan wants a separate approver,
     * are not among {@code authors}. Approvals of other commits do not count.
     */
    public static List<RoleStatus> status(
            Plan plan, ReleaseType type, String commit, List<Approval> approvals, Authors authors) {
        List<String> required = plan.approvals().required(type);
        // An approval counts only from someone the plan lets give it: one written into the records by hand by anyone
        // else fills no role.
        List<Approval> ofCommit = approvals.stream()
                .filter(a -> a.commit().equals(commit) && required.contains(a.role()))
                .filter(a ->
                        plan.person(a.person()).filter(p -> p.holds(a.role())).isPresent())
                .toList();
        List<RoleStatus> roles = new ArrayList<>();
        for (String role : required) {
            Optional<Approval> given =
                    ofCommit.stream().filter(a -> a.role().equals(role)).findFirst();
            List<String> holders = plan.people().stream()
                    .filter(p -> p.holds(role))
                    .filter(p -> !(plan.approvals().separateApprover() && authors.includes(p)))
                    .map(Person::name)
                    .filter(name -> ofCommit.stream().noneMatch(a -> a.person().equals(name)))
                    .toList();
            roles.add(new RoleStatus(role, given, holders));
        }
        return roles;
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
     * @param earlier the approvals already given for the release
     */
    public static void check(Plan plan, ReleaseType type, Approval approval, Authors authors, List<Approval> earlier) {
        Person person = plan.person(approval.person())
                .orElseThrow(() -> new IllegalArgumentException("\"" + approval.person()
                        + "\" is not in the plan's people; add them with the roles they hold"));
        if (!person.holds(approval.role())) {
            throw new IllegalArgumentException(person.name() + " does not hold the role " + approval.role()
                    + "; their roles: " + (person.roles().isEmpty() ? "none" : String.join(", ", person.roles())));
        }
        List<String> required = plan.approvals().required(type);
        if (!required.contains(approval.role())) {
            throw new IllegalArgumentException("a " + type.label() + " release needs no " + approval.role()
                    + " approval; it needs: " + String.join(", ", required));
        }
        if (plan.approvals().separateApprover() && authors.includes(person)) {
            throw new IllegalArgumentException(person.name() + " is an author of this release and the plan wants"
                    + " a separate approver (approvals.separateApprover)");
        }
        for (Approval a : earlier) {
            if (!a.commit().equals(approval.commit())) continue;
            if (a.role().equals(approval.role())) {
                throw new IllegalArgumentException(approval.role() + " already approved commit "
                        + approval.commit().substring(0, 7) + " (" + a.person() + ", " + a.at() + ")");
            }
            if (a.person().equals(person.name()) && required.contains(a.role())) {
                throw new IllegalArgumentException(person.name() + " already approved this release as " + a.role()
                        + "; one person fills at most one required role");
            }
        }
    }
}
