package dev.gantry.rollout;

import dev.gantry.version.Version;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One action asked of a target.
 *
 * @param stepId the idempotency key: the same for a call repeated after a crash, different for every step
 * @param root the repository's top folder, where relative script paths start
 * @param weight the percentage of traffic for the new version (0 to 100)
 * @param colour the colour being deployed or switched to in a blue-green release ("blue" or "green"); empty otherwise
 * @param step the number of the canary step or rolling batch, from 1; 0 when the strategy has no steps
 * @param variables the process environment, given so tests can set it
 * @param processes the folder where a target writes down the programs it starts for the call, so that the next
 *     coordinator of the run stops one left running before it calls the step again (see ProcessLedger)
 */
public record TargetCall(
        String stepId,
        Path root,
        String environment,
        Version version,
        Optional<Version> previousVersion,
        int weight,
        String colour,
        int step,
        Map<String, String> variables,
        Path processes) {

    public TargetCall {
        if (weight < 0 || weight > 100) throw new IllegalArgumentException("weight must be 0 to 100, got " + weight);
        colour = colour == null ? "" : colour;
        variables = Map.copyOf(variables);
    }

    /** {@code text} with {version}, {previousVersion}, {weight}, {colour}, {step} and {environment} replaced. */
    public String expand(String text) {
        return text.replace("{version}", version.toString())
                .replace(
                        "{previousVersion}",
                        previousVersion.map(Version::toString).orElse(""))
                .replace("{weight}", Integer.toString(weight))
                .replace("{colour}", colour)
                .replace("{step}", Integer.toString(step))
                .replace("{environment}", environment);
    }
}
