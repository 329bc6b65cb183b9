package dev.gantry.plan;

import dev.gantry.plan.yaml.Required;
import dev.gantry.version.TagPattern;
import java.util.List;

/**
 * A part of the project released on its own: it owns the commits that touch its path and has its own tags.
 *
 * @param tagPattern its tags; {@code {name}-v{version}} by default
 * @param dependsOn components deployed before this one
 */
public record Component(@Required String name, @Required String path, TagPattern tagPattern, List<String> dependsOn) {

    public Component {
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "component name must be letters, digits, \".\", \"_\" or \"-\", got \"" + name + "\"");
        }
        if (path != null && (path.isBlank() || path.startsWith("/") || path.contains(".."))) {
            throw new IllegalArgumentException(
                    "component path must be a folder inside the repository like services/api, got \"" + path + "\"");
        }
        tagPattern = tagPattern == null && name != null ? TagPattern.parse(name + "-v{version}") : tagPattern;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
