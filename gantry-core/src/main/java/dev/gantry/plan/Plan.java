package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.changelog.ChangelogSettings;
import dev.gantry.changelog.NotesSettings;
import dev.gantry.version.Versioning;
import java.util.List;
import java.util.Optional;

/** The plan file, {@code gantry.yaml}: what later parts of Gantry read from it start here. */
@Doc("Gantry's plan file")
public record Plan(
        @Doc("The project's name") String project,
        Versioning versioning,
        @Doc("Parts of the project released on their own; one implicit component when absent")
                List<Component> components,
        ChangelogSettings changelog,
        NotesSettings notes,
        @Doc("Where the release runs, in the order it moves through them (DEP Environment)")
                List<Environment> environments,
        @Doc("What must be true before a deploy: the go/no-go gate (DEP Criteria)") List<Criterion> criteria,
        @Doc("When to roll back after a deploy (DEP Rollback)") List<RollbackTrigger> rollback,
        @Doc("How a deploy is verified: smoke tests (DEP Validation)") List<Validation> validation,
        @Doc("What people or scripts do, placed on the release timeline (DEP Step)") List<Step> steps,
        @Doc("Who takes part, with the roles they hold") List<Person> people,
        Approvals approvals,
        Windows windows,
        @Doc("Feature flags of the release") List<Flag> flags,
        Rollout rollout,
        @Doc("Where Gantry sends word of a run: named channels, which a rollback trigger's notification lists")
                List<NotifierSpec> notifications) {

    public static final Plan DEFAULTS =
            new Plan(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** A plan without notification channels, as plans were before they existed. */
    public Plan(
            String project,
            Versioning versioning,
            List<Component> components,
            ChangelogSettings changelog,
            NotesSettings notes,
            List<Environment> environments,
            List<Criterion> criteria,
            List<RollbackTrigger> rollback,
            List<Validation> validation,
            List<Step> steps,
            List<Person> people,
            Approvals approvals,
            Windows windows,
            List<Flag> flags,
            Rollout rollout) {
        this(
                project,
                versioning,
                components,
                changelog,
                notes,
                environments,
                criteria,
                rollback,
                validation,
                steps,
                people,
                approvals,
                windows,
                flags,
                rollout,
                null);
    }

    public Plan {
        versioning = versioning == null ? Versioning.DEFAULTS : versioning;
        components = copy(components);
        changelog = changelog == null ? ChangelogSettings.DEFAULTS : changelog;
        notes = notes == null ? NotesSettings.DEFAULTS : notes;
        environments = copy(environments);
        criteria = copy(criteria);
        rollback = copy(rollback);
        validation = copy(validation);
        steps = copy(steps);
        people = copy(people);
        approvals = approvals == null ? Approvals.DEFAULTS : approvals;
        windows = windows == null ? Windows.NONE : windows;
        flags = copy(flags);
        rollout = rollout == null ? Rollout.DEFAULTS : rollout;
        notifications = copy(notifications);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public Optional<Environment> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The flags the plan ties to {@code version}, which a rollback of it turns off before traffic moves: all but
     * kill switches, which are turned on to mitigate, never off.
     */
    public List<Flag> flagsOfRelease(String version) {
        return flags.stream()
                .filter(f -> f.type() != FlagType.KILL_SWITCH)
                .filter(f -> f.introducedIn().filter(version::equals).isPresent())
                .toList();
    }

    public Optional<Person> person(String name) {
        return people.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every DEP- entry, in the order of the file's sections. */
    public List<DepEntry> entries() {
        List<DepEntry> all = new java.util.ArrayList<>();
        all.addAll(environments);
        all.addAll(criteria);
        all.addAll(rollback);
        all.addAll(validation);
        all.addAll(steps);
        return all;
    }

    public Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
