package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.version.TagPattern;
import java.util.List;

/** A part of the project released on its own: it owns the commits that touch its path and has its own tags. */
@Doc("A part of the project released on its own, with its own version and tags")
public record Component(
        @Required @Doc("The component's name: letters, digits, '.', '_' or '-'") String name,
        @Required @Doc("The folder it owns: commits touching it belong to the component") String path,
        @Doc("Its tags; \"{name}-v{version}\" by default") TagPattern tagPattern,
        @Doc("Components deployed before this one") List<String> dependsOn) {

    public Component {
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidValue(
                    "name", "component name must be letters, digits, \".\", \"_\" or \"-\", got \"" + name + "\"");
        }
        if (path != null && (path.isBlank() || path.startsWith("/") || path.contains(".."))) {
            throw new InvalidValue(
                    "path",
                    "component path must be a folder inside the repository like services/api, got \"" + path + "\"");
        }
        tagPattern = tagPattern == null && name != null ? TagPattern.parse(name + "-v{version}") : tagPattern;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
