package dev.gantry.local.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Instances of one or more versions running as child processes on free loopback ports. Every instance is in the
 * state file from the moment it starts until it is stopped, so nothing leaks: a Gantry process that died leaves a
 * file from which the next one {@linkplain #open finds} the survivors and stops them.
 *
 * <p>Each instance writes its standard output and error to its own log file. It is started when its health URL
 * answers 200; one that exits first or stays unhealthy past the timeout is stopped, and the error names it, its
 * port, and the last lines of its log.
 */
public final class InstanceGroup implements AutoCloseable {

    /** How long an instance gets to stop after SIGTERM before it and all it started are killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final int LOG_LINES = 15;

    private final InstanceStateFile stateFile;
    private final Path logDir;
    private final Duration grace;
    private final HealthProbe probe = new HealthProbe();
    private final List<Instance> instances = new ArrayList<>();
    private Thread shutdownHook;

    private InstanceGroup(InstanceStateFile stateFile, Path logDir, Duration grace) {
        this.stateFile = stateFile;
        this.logDir = logDir;
        this.grace = grace;
    }

    /**
     * A group kept in {@code stateFile}, with the instances a previous group left there that still run; those that
     * ended, or whose pid now belongs to another process, are dropped from the file.
     */
    public static InstanceGroup open(Path stateFile, Path logDir, Duration grace) throws IOException {
        InstanceGroup group = new InstanceGroup(new InstanceStateFile(stateFile), logDir, grace);
        for (InstanceRecord record : group.stateFile.read()) {
            Optional<ProcessHandle> alive = record.find();
            alive.ifPresent(handle -> group.instances.add(new Instance(record, handle, Optional.empty())));
        }
        group.save();
        return group;
    }

    public static InstanceGroup open(Path stateFile, Path logDir) throws IOException {
        return open(stateFile, logDir, DEFAULT_GRACE);
    }

    /**
     * Starts {@code count} instances of {@code version} and waits until each is healthy.
     *
     * @throws InstanceFailure when one exits or stays unhealthy; all instances of this call are stopped then
     */
    public List<Instance> start(String version, int count, InstanceSpec spec)
            throws InstanceFailure, IOException, InterruptedException {
        if (count < 1) throw new IllegalArgumentException("count: expected 1 or more instances, got " + count);
        Files.createDirectories(logDir);
        List<Instance> started = new ArrayList<>();
        try {
            for (int port : freePorts(count)) started.add(launch(version, started.size() + 1, port, spec));
            long deadline = System.nanoTime() + spec.healthTimeout().toNanos();
            for (int i = 0; i < started.size(); i++) awaitHealthy(started.get(i), i + 1, spec, deadline);
            return List.copyOf(started);
        } catch (InstanceFailure | IOException | InterruptedException | RuntimeException e) {
            for (Instance instance : started) stop(instance);
            throw e;
        }
    }

    private Instance launch(String version, int number, int port, InstanceSpec spec) throws IOException {
        Path log = logDir.resolve(version.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + number + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(spec.commandFor(version, port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        spec.directory().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(spec.environment());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("GANTRY_VERSION", version);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(
                    "instance " + number + " of " + version + " on port " + port + ": cannot start "
                            + spec.commandFor(version, port).get(0) + ": " + e.getMessage(),
                    e);
        }
        ProcessHandle handle = process.toHandle();
        InstanceRecord record =
                new InstanceRecord(version, port, handle.pid(), handle.info().startInstant(), log);
        Instance instance = new Instance(record, handle, Optional.of(process));
        synchronized (this) {
            instances.add(instance);
            save();
        }
        return instance;
    }

    /**
     * Waits until each instance answers 200 on its health path, as {@link #start} does for the instances it starts:
     * for instances found again after a crash, which may still be starting.
     *
     * @throws InstanceFailure when one has exited or stays unhealthy past the spec's timeout; nothing is stopped
     */
    public void awaitHealthy(List<Instance> found, InstanceSpec spec) throws InstanceFailure, InterruptedException {
        long deadline = System.nanoTime() + spec.healthTimeout().toNanos();
        for (int i = 0; i < found.size(); i++) awaitHealthy(found.get(i), i + 1, spec, deadline);
    }

    /** What a state file records, read only: for a status, without dropping the instances that have ended. */
    public static List<InstanceRecord> recorded(Path stateFile) throws IOException {
        return new InstanceStateFile(stateFile).read();
    }

    private void awaitHealthy(Instance instance, int number, InstanceSpec spec, long deadline)
            throws InstanceFailure, InterruptedException {
        URI url = URI.create("http://127.0.0.1:" + instance.port() + spec.healthPath());
        String name = "instance " + number + " of " + instance.version() + " on port " + instance.port() + " (pid "
                + instance.pid() + ")";
        String problem;
        while (true) {
            if (!instance.isAlive()) {
                String code = instance.exitCode().isPresent()
                        ? " with code " + instance.exitCode().getAsInt()
                        : "";
                throw new InstanceFailure(name + " exited" + code + " before " + url + " answered 200"
                        + LogTail.shown(instance.record().log(), LOG_LINES));
            }
            // The port was free when the instance was given it; until the instance binds it, another process may
            // have taken it. Its answer is not the instance's, and a probe would be one more request to it.
            PortListener.Owner owner = PortListener.of(instance.port(), instance.handle());
            if (owner == PortListener.Owner.OTHER) {
                problem = "another process listens on port " + instance.port();
            } else if (owner == PortListener.Owner.NOBODY) {
                problem = "nothing listens on port " + instance.port() + " yet";
            } else {
                problem = probe.problem(url);
                if (problem == null) return;
            }
            if (System.nanoTime() - deadline >= 0) break;
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) throw new InterruptedException();
        }
        throw new InstanceFailure(name + " did not answer 200 on " + url + " within "
                + spec.healthTimeout().toMillis() + " ms (last: " + problem + ")"
                + LogTail.shown(instance.record().log(), LOG_LINES));
    }

    /** The instances the group runs or ran and has not stopped, oldest first. */
    public synchronized List<Instance> instances() {
        return List.copyOf(instances);
    }

    public synchronized List<Instance> instances(String version) {
        return instances.stream().filter(i -> i.version().equals(version)).toList();
    }

    /** The instances whose process ended without being stopped by the group: crashed or killed. */
    public synchronized List<Instance> exited() {
        return instances.stream().filter(i -> !i.isAlive()).toList();
    }

    /** Stops one instance: SIGTERM to it and all it started, then a kill after the grace. */
    public void stop(Instance instance) {
        terminate(instance.handle(), grace);
        synchronized (this) {
            instances.remove(instance);
            saveQuietly();
        }
    }

    public void stopVersion(String version) {
        instances(version).forEach(this::stop);
    }

    public void stopAll() {
        instances().forEach(this::stop);
    }

    /** Stops every instance when this JVM exits, on a normal exit or on Ctrl-C, until {@link #close}. */
    public synchronized InstanceGroup stopOnExit() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopAll, "gantry-instances-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** Stops every instance. */
    @Override
    public void close() {
        stopAll();
        synchronized (this) {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down and the hook is running.
                }
                shutdownHook = null;
            }
        }
    }

    /** Stops a process and everything it started, politely first. */
    static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean allEnded = awaitEnd(tree, deadline);
        if (!allEnded) {
            // Whatever the tree started meanwhile goes too.
            root.descendants().forEach(tree::add);
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(tree, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        }
    }

    private static boolean awaitEnd(List<ProcessHandle> tree, long deadline) {
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    private synchronized void save() throws IOException {
        stateFile.write(instances.stream().map(Instance::record).toList());
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException e) {
            // The instance is stopped; a stale entry is dropped by the next open, which finds no such process.
            System.err.println("cannot update " + stateFile.path() + ": " + e.getMessage());
        }
    }

    /** Ports free now, held open together so the same one is not handed out twice. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) socket.close();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
