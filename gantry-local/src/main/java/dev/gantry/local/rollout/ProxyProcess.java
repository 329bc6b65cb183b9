package dev.gantry.local.rollout;

import dev.gantry.local.process.LogTail;
import dev.gantry.local.proxy.HostPort;
import dev.gantry.local.proxy.Pool;
import dev.gantry.local.proxy.ProxyException;
import dev.gantry.local.proxy.ProxyMain;
import dev.gantry.local.proxy.RunningProxy;
import dev.gantry.local.proxy.Stickiness;
import java.io.File;
import java.io.IOException;
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
import java.util.stream.Collectors;

/**
 * The proxy of a local environment as a process of its own, started with the same Java and class path as Gantry
 * so that it outlives the Gantry process that started it and a continued run finds it again by its state file.
 */
final class ProxyProcess {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final int LOG_LINES = 15;

    private ProxyProcess() {}

    /** The proxy the state file names, when that very process still runs. */
    static Optional<RunningProxy> find(EnvironmentFiles files) throws IOException {
        return RunningProxy.read(files.proxyState()).filter(p -> p.process().isPresent());
    }

    /**
     * Starts a proxy on {@code port} and returns once it listens.
     *
     * @throws ProxyException when it exits first (the port is taken, say) or does not listen within {@code timeout}
     */
    static RunningProxy start(
            EnvironmentFiles files,
            int port,
            Optional<Stickiness> sticky,
            Pool stable,
            Pool canary,
            int weight,
            Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(files.dir());
        // A file left by a proxy that was killed names a process that is gone: it must not be taken for the new one.
        Files.deleteIfExists(files.proxyState());
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        command.add(ProxyMain.class.getName());
        command.addAll(List.of("--port", Integer.toString(port), "--admin-port", "0"));
        command.addAll(List.of("--stable", addresses(stable), "--stable-version", stable.version()));
        command.addAll(List.of("--canary", addresses(canary), "--canary-version", canary.version()));
        command.addAll(List.of("--weight", Integer.toString(weight)));
        if (sticky.isPresent()) {
            command.add(sticky.get().cookie() ? "--sticky-cookie" : "--sticky-header");
            command.add(sticky.get().name());
        }
        command.addAll(List.of("--state-file", files.proxyState().toString()));
        Process process = new ProcessBuilder(Detached.command(command))
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(files.proxyLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<RunningProxy> written = readQuietly(files);
            if (written.isPresent() && written.get().pid() == process.pid()) return written.get();
            if (!process.isAlive()) {
                throw new ProxyException("the proxy for port " + port + " exited with code " + process.exitValue()
                        + " before it listened" + LogTail.shown(files.proxyLog(), LOG_LINES));
            }
            if (System.nanoTime() - deadline >= 0) {
                stop(process.toHandle(), timeout);
                throw new ProxyException("the proxy for port " + port + " did not listen within " + timeout.toMillis()
                        + " ms; stopped it" + LogTail.shown(files.proxyLog(), LOG_LINES));
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                stop(process.toHandle(), timeout);
                throw new InterruptedException();
            }
        }
    }

    /** Stops the proxy politely (it removes its own state file), then by force; the file goes in any case. */
    static void stop(RunningProxy proxy, EnvironmentFiles files, Duration grace) throws IOException {
        Optional<ProcessHandle> process = proxy.process();
        if (process.isPresent()) stop(process.get(), grace);
        if (RunningProxy.read(files.proxyState()).map(proxy::equals).orElse(false)) {
            Files.deleteIfExists(files.proxyState());
        }
    }

    private static void stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Past the grace: killed below.
        }
        process.destroyForcibly();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The system did not report the end in time; nothing else can be done.
        }
    }

    /** The state file as far as it is written: a proxy that is starting may not have written it yet. */
    private static Optional<RunningProxy> readQuietly(EnvironmentFiles files) {
        try {
            return RunningProxy.read(files.proxyState());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String addresses(Pool pool) {
        return pool.instances().stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
