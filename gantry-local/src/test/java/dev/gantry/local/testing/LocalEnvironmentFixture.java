package dev.gantry.local.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.local.process.InstanceGroup;
import dev.gantry.local.process.InstanceRecord;
import dev.gantry.local.proxy.ProxyState;
import dev.gantry.local.proxy.RunningProxy;
import dev.gantry.local.rollout.EnvironmentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A repository folder with {@code instance.sh}, the command of a local target: the demo service of the version
 * and port it is given, with a line of shell of the test's choosing for some versions (flags, or an early exit).
 * It remembers every process the environment's state files ever named, so a test can check none is left.
 */
public final class LocalEnvironmentFixture {

    private final Path root;
    private final String environment;
    private final int port;
    private final Set<Seen> seen = new HashSet<>();

    /**
     * A process as a state file named it: what it ran (a version, or "proxy"), its pid and start, so a pid reused
     * later is not taken for it.
     */
    private record Seen(String what, long pid, Optional<Instant> startedAt) {
        boolean running() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> startedAt.isEmpty() || h.info().startInstant().equals(startedAt))
                    .isPresent();
        }
    }

    public LocalEnvironmentFixture(Path root, String environment, Map<String, String> shellByVersion)
            throws IOException {
        this.root = root;
        this.environment = environment;
        this.port = freePort();
        StringBuilder script = new StringBuilder("#!/bin/sh\nversion=\"$1\"\nport=\"$2\"\nextra=\n");
        script.append("case \"$version\" in\n");
        shellByVersion.forEach((version, line) ->
                script.append("  ").append(version).append(") ").append(line).append(" ;;\n"));
        script.append("esac\nexec");
        for (String arg : DemoCommand.demo()) script.append(" '").append(arg).append("'");
        script.append(" --port \"$port\" --version \"$version\" $extra\n");
        Path file = root.resolve("instance.sh");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The target's {@code run}, as the plan writes it. */
    public static String run() {
        return "sh ./instance.sh {version} {port}";
    }

    public int port() {
        return port;
    }

    public EnvironmentFiles files() {
        return EnvironmentFiles.of(root, EnvironmentFiles.DEFAULT_DIR, environment);
    }

    public Optional<RunningProxy> proxy() {
        try {
            Optional<RunningProxy> proxy = RunningProxy.read(files().proxyState());
            proxy.ifPresent(p -> seen.add(new Seen("proxy", p.pid(), Optional.of(p.startedAt()))));
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProxyState routing() {
        return proxy().orElseThrow().admin().routing();
    }

    /** The instances the state file names now, by version, running or not. */
    public List<InstanceRecord> instances() {
        try {
            List<InstanceRecord> records = InstanceGroup.recorded(files().instances());
            records.forEach(r -> seen.add(new Seen(r.version(), r.pid(), r.startedAt())));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Long> pids(String version) {
        return instances().stream()
                .filter(r -> r.version().equals(version))
                .map(InstanceRecord::pid)
                .toList();
    }

    /** Every instance of {@code version} the state file has named whenever it was read: pid and whether it runs. */
    public Map<Long, Boolean> seen(String version) {
        instances();
        return seen.stream().filter(s -> s.what().equals(version)).collect(Collectors.toMap(Seen::pid, Seen::running));
    }

    /** How many instances of {@code version} were ever started here: each has a log of its own. */
    public long started(String version) {
        try (Stream<Path> logs = Files.list(files().logs())) {
            return logs.filter(log -> log.getFileName().toString().startsWith(version + "-"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every process the state files named since the fixture began has ended, and the public port is free. */
    public void assertNothingLeft() {
        proxy();
        instances();
        Set<Long> alive = seen.stream().filter(Seen::running).map(Seen::pid).collect(Collectors.toSet());
        assertThat(alive).as("processes still running").isEmpty();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still bound", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
