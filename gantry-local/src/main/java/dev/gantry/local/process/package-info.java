/**
 * The instances of the local target: N child processes per version, each on a free loopback port, each with its
 * own log file, started when its health URL answers 200.
 *
 * <pre>
 * try (InstanceGroup group = InstanceGroup.open(Path.of(".gantry/local/instances.json"), Path.of(".gantry/local/logs"))
 *         .stopOnExit()) {
 *     InstanceSpec spec = InstanceSpec.of(
 *             List.of("java", "-jar", "app.jar", "--server.port={port}", "--app.version={version}"),
 *             "/health", Duration.ofSeconds(30));
 *     List&lt;Instance&gt; canary = group.start("1.1.0", 2, spec);
 *     ...
 *     group.stopVersion("1.0.0");
 * }
 * </pre>
 *
 * <p>An instance that exits before it is healthy, or stays unhealthy past the timeout, fails the start with an
 * {@link dev.gantry.local.process.InstanceFailure} naming the instance, its port and pid, and the last lines of its
 * log; the instances of that start are stopped. Stopping sends SIGTERM to the instance and everything it started,
 * then kills what is left after the grace period (5 s by default).
 *
 * <p>Nothing leaks: every instance is in the state file (JSON, replaced atomically) from its start until it is
 * stopped, with its pid, port, version, log and start instant. {@link dev.gantry.local.process.InstanceGroup#open}
 * adopts the instances a previous, perhaps killed, Gantry process left there that still run, checking the start
 * instant so that a pid reused by an unrelated program is never adopted nor stopped. {@link
 * dev.gantry.local.process.InstanceGroup#stopOnExit} stops all instances when the JVM exits normally or on Ctrl-C /
 * SIGTERM; a Gantry that means to leave them running for a later resume does not call it.
 */
package dev.gantry.local.process;
