package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.version.TagPattern;
import dev.gantry.version.TagPatterns;
import java.util.List;

/** A part of the project released on its own: it owns the commits that touch its path and has its own tags. */
@Doc("A part of the project released on its own, with its own version and tags")
public record Component(
        @Required @Doc("The component's name: letters, digits, '.', '_' or '-'") String name,
        @Required @Doc("The folder it owns: commits touching it belong to the component") String path,
        @Doc("Its tags; \"{name}-v{version}\" by default. Several, when the tag format changed: new tags take"
                        + " the first, a tag of any names a past release")
                List<TagPattern> tagPattern,
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
        tagPattern = (tagPattern == null || tagPattern.isEmpty()) && name != null
                ? List.of(TagPattern.parse(name + "-v{version}"))
                : tagPattern == null ? List.of() : List.copyOf(tagPattern);
        TagPatterns.requireDistinct(tagPattern);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** Its tag patterns; new tags take the first. */
    public TagPatterns tags() {
        return new TagPatterns(tagPattern);
    }
}
