package dev.gantry.local.rollout;

import dev.gantry.binding.Doc;
import dev.gantry.binding.DurationText;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import dev.gantry.local.process.InstanceFailure;
import dev.gantry.local.process.InstanceSpec;
import dev.gantry.local.proxy.ProxyException;
import dev.gantry.process.CommandLine;
import dev.gantry.rollout.Target;
import dev.gantry.rollout.TargetCall;
import dev.gantry.rollout.TargetResult;
import dev.gantry.version.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs each version of a service as local processes behind a weighted proxy on one port: the target of
 * {@code gantry demo}, of tests, and of a laptop rehearsal. See the package documentation for what each action
 * does and how an environment is stopped.
 */
@Doc("Runs each version as processes on this machine behind a proxy on one port that splits the traffic by weight"
        + " and measures every version for the local metric source; the processes and the proxy outlive Gantry, so a"
        + " continued run finds them again")
public record LocalTarget(
        @Required
                @Doc("The command that starts one instance, with {version} and {port} replaced, such as \"java -cp"
                        + " app.jar app.Main --port {port} --version {version}\"; a single string is split on"
                        + " whitespace without shell quoting; it runs in the repository's top folder and also finds"
                        + " PORT and GANTRY_VERSION in its environment")
                List<String> run,
        @Doc("How many instances each version runs; 1 by default") Integer instances,
        @Required @Doc("The port users reach the environment on: the proxy listens there on 127.0.0.1") Integer port,
        @Doc("The path on each instance that answers 200 once it serves; /health by default") String health,
        @Doc("Keeps each user on one version: { header: X-User } or { cookie: uid }; no stickiness by default")
                Sticky sticky,
        @Doc("How long an instance, or the proxy, may take to start and answer; 30s by default") Duration startTimeout,
        @Doc("Where the environment's state files and logs live, from the repository's top folder;"
                        + " .gantry/local/{environment} by default")
                String dir)
        implements Target {

    static final String DEFAULT_HEALTH = "/health";
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    public LocalTarget {
        run = run == null ? List.of() : CommandLine.of(run);
        if (run.isEmpty() || run.get(0).isBlank()) {
            throw new InvalidValue(
                    "run",
                    "expected the command that starts one instance, such as \"java -jar app.jar --port {port}\", got "
                            + (run.isEmpty() ? "nothing" : "\"" + run.get(0) + "\" as the program"));
        }
        instances = instances == null ? 1 : instances;
        if (instances < 1) throw new InvalidValue("instances", "expected 1 or more instances, got " + instances);
        if (port == null || port < 1 || port > 65535) {
            throw new InvalidValue("port", "expected a port from 1 to 65535, got " + port);
        }
        health = health == null ? DEFAULT_HEALTH : health;
        if (!health.startsWith("/")) {
            throw new InvalidValue(
                    "health", "expected a path starting with /, such as /health, got \"" + health + "\"");
        }
        startTimeout = DurationText.positive("startTimeout", startTimeout, DEFAULT_START_TIMEOUT);
        dir = dir == null ? EnvironmentFiles.DEFAULT_DIR : dir;
        if (dir.isBlank()) throw new InvalidValue("dir", "expected a folder such as .gantry/local/{environment}");
    }

    /** Every target call's placeholders, and {port}: the instance's own port, in {@code run}. */
    @Override
    public List<String> placeholders() {
        List<String> all = new java.util.ArrayList<>(Target.super.placeholders());
        all.add("port");
        return List.copyOf(all);
    }

    /** Starts the new version's instances: all of them beside the stable ones, or a rolling batch's share. */
    @Override
    public TargetResult deploy(TargetCall call) {
        return act(
                "deploy",
                call,
                serving ->
                        Layout.deploy(version(call), serving, previous(call), instances, call.weight(), call.step()));
    }

    /** Sends {@code weight} percent of the traffic to the new version. */
    @Override
    public TargetResult setWeight(TargetCall call) {
        return act(
                "set-weight",
                call,
                serving -> Layout.weighted(version(call), serving, previous(call), instances, call.weight()));
    }

    /** The new version becomes the stable one with all the traffic; the old instances stop. */
    @Override
    public TargetResult promote(TargetCall call) {
        return act("promote", call, serving -> Layout.promote(version(call), instances));
    }

    /** The version that served before gets all the traffic back, on all its instances; the new one stops. */
    @Override
    public TargetResult rollback(TargetCall call) {
        return act("rollback", call, serving -> Layout.rollback(version(call), serving, previous(call), instances));
    }

    /** The proxy's weight and pools, and each version's instances, running or ended. */
    @Override
    public TargetResult status(TargetCall call) {
        try {
            return TargetResult.done("status " + call.environment() + ": "
                    + environment(call.root(), call.environment()).status());
        } catch (IOException | ProxyException e) {
            return TargetResult.failed("status " + call.environment() + ": " + e.getMessage());
        }
    }

    /**
     * Stops everything the environment runs, the proxy and the instances of every version, for when it is no
     * longer wanted (the end of a demo, a test's cleanup). The logs stay.
     *
     * @return what was stopped, in one line
     */
    public String stop(Path root, String environment) throws IOException {
        return environment(root, environment).stop();
    }

    /** The folder of an environment's state files and logs. */
    public EnvironmentFiles files(Path root, String environment) {
        return EnvironmentFiles.of(root, dir, environment);
    }

    private TargetResult act(String action, TargetCall call, Function<Optional<String>, Layout> decide) {
        String where = action + " " + call.environment() + ": ";
        try {
            Converged done = environment(call.root(), call.environment()).converge(decide);
            return new TargetResult(
                    TargetResult.Status.DONE, where + done.summary(), List.of(), done.facts(call.stepId()));
        } catch (InstanceFailure | ProxyException | IOException e) {
            return TargetResult.failed(where + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TargetResult.failed(where + "interrupted");
        }
    }

    private LocalEnvironment environment(Path root, String environment) {
        InstanceSpec spec =
                new InstanceSpec(Detached.command(run), Optional.of(root), java.util.Map.of(), health, startTimeout);
        return new LocalEnvironment(
                files(root, environment),
                spec,
                port,
                Optional.ofNullable(sticky).map(Sticky::stickiness),
                startTimeout);
    }

    private static String version(TargetCall call) {
        return call.version().toString();
    }

    private static Optional<String> previous(TargetCall call) {
        return call.previousVersion().map(Version::toString);
    }

    @Override
    public String describe() {
        return "local processes of " + CommandLine.shown(run) + ", " + Converged.plural(instances, "instance")
                + " per version, behind a proxy on port " + port
                + (sticky == null ? "" : " sticky by " + sticky.stickiness()) + ", state in " + dir;
    }
}
