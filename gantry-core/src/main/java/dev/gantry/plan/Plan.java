package dev.gantry.plan;

import dev.gantry.changelog.ChangelogSettings;
import dev.gantry.changelog.NotesSettings;
import dev.gantry.plan.yaml.Doc;
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
        NotesSettings notes) {

    public static final Plan DEFAULTS = new Plan(null, null, null, null, null);

    public Plan {
        versioning = versioning == null ? Versioning.DEFAULTS : versioning;
        components = components == null ? List.of() : List.copyOf(components);
        changelog = changelog == null ? ChangelogSettings.DEFAULTS : changelog;
        notes = notes == null ? NotesSettings.DEFAULTS : notes;
    }

    public Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
