package dev.gantry.local.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start one instance of a version and how to know it is up.
 *
 * @param command the program and its arguments; {@code {version}} and {@code {port}} in any of them are replaced.
 *     The instance also gets {@code PORT} and {@code GANTRY_VERSION} in its environment
 * @param directory the working directory, the current one when empty
 * @param environment variables added to the inherited environment
 * @param healthPath the path on the instance's port that answers 200 once it serves, such as {@code /health}
 * @param healthTimeout how long an instance may take to answer 200 there
 */
public record InstanceSpec(
        List<String> command,
        Optional<Path> directory,
        Map<String, String> environment,
        String healthPath,
        Duration healthTimeout) {

    public InstanceSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) throw new IllegalArgumentException("command: expected a program to start");
        if (!healthPath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "health path: expected a path starting with /, got \"" + healthPath + "\"");
        }
        if (healthTimeout.isNegative() || healthTimeout.isZero()) {
            throw new IllegalArgumentException("health timeout: expected a positive duration, got " + healthTimeout);
        }
    }

    public static InstanceSpec of(List<String> command, String healthPath, Duration healthTimeout) {
        return new InstanceSpec(command, Optional.empty(), Map.of(), healthPath, healthTimeout);
    }

    /** The command for one instance, placeholders replaced. */
    List<String> commandFor(String version, int port) {
        return command.stream()
                .map(arg -> arg.replace("{version}", version).replace("{port}", Integer.toString(port)))
                .toList();
    }
}
