package dev.gantry.local.process;

import dev.gantry.local.testing.DemoCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A Gantry-like process for tests: starts one demo instance in a group that stops it on exit, prints the
 * instance's pid, then waits to be stopped.
 */
public final class GroupHolder {

    private GroupHolder() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        InstanceGroup group = InstanceGroup.open(dir.resolve("instances.json"), dir.resolve("logs"))
                .stopOnExit();
        Instance instance = group.start(
                        "1.0.0",
                        1,
                        InstanceSpec.of(
                                DemoCommand.demo("--port", "{port}", "--version", "{version}"),
                                "/health",
                                Duration.ofSeconds(20)))
                .get(0);
        System.out.println(instance.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
