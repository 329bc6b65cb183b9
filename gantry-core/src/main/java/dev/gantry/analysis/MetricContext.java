package dev.gantry.analysis;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a metric source may use besides its query: the repository (for commands), the environment and versions
 * (for placeholders in queries), and the process environment (tokens), given so tests can set it.
 *
 * @param version the version being released, or the stable one when its baseline is read
 */
public record MetricContext(Path root, String environment, String version, Map<String, String> variables) {

    public MetricContext {
        variables = Map.copyOf(variables);
    }

    /** {@code text} with {environment} and {version} replaced. */
    public String expand(String text) {
        return text.replace("{environment}", environment).replace("{version}", version);
    }
}
