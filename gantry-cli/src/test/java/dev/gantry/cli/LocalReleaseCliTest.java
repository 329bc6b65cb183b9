package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coordinate.PlugIns;
import dev.gantry.local.LocalVariants;
import dev.gantry.local.process.InstanceGroup;
import dev.gantry.local.process.InstanceRecord;
import dev.gantry.local.proxy.RunningProxy;
import dev.gantry.local.rollout.EnvironmentFiles;
import dev.gantry.local.rollout.LocalTarget;
import dev.gantry.plan.PlanFile;
import dev.gantry.testing.GitFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gantry release into a local environment, killed with kill -9 while the canary's instances start, and run
 * again: the continued run finds the instances and the proxy the killed one started and starts no second set.
 */
class LocalReleaseCliTest {

    static {
        LocalVariants.register();
    }

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private int port;
    private EnvironmentFiles files;
    /** Every process the state files named while the test looked: none may be left at the end. */
    private final List<ProcessHandle> seen = new ArrayList<>();

    private final List<Integer> seenPorts = new ArrayList<>();

    /**
     * A repository releasing 1.4.0 over v1.3.0 into a local environment. The first instance of 1.4.0 to start says
     * so through a pipe, then waits for the test's word on a second pipe before it serves.
     */
    private void repository() throws Exception {
        GitFixture.init(dir).commit("fix: a").tag("v1.3.0").commit("feat: search");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        for (String fifo : List.of("started.fifo", "go.fifo")) {
            assertThat(new ProcessBuilder("mkfifo", dir.resolve(fifo).toString())
                            .start()
                            .waitFor())
                    .isZero();
        }
        StringBuilder demo = new StringBuilder();
        for (String arg : List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gantry.local.demo.DemoService")) {
            demo.append(" '").append(arg).append("'");
        }
        Path script = dir.resolve("instance.sh");
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "if [ \"$1\" = 1.4.0 ] && mkdir held 2>/dev/null; then\n"
                        + "  echo started > started.fifo\n"
                        + "  read word < go.fifo\n"
                        + "fi\n"
                        + "exec" + demo + " --port \"$2\" --version \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                dir.resolve("gantry.yaml"),
                """
                environments:
                  - name: staging
                    target: { type: local, run: "sh ./instance.sh {version} {port}", instances: 2, port: %d,
                              startTimeout: 60s }
                    metrics: { type: local }
                validation:
                  - { id: DEP-030, title: Health through the proxy, check: { type: http, url: "http://127.0.0.1:%d/health" } }
                rollout:
                  canary: { steps: [50%%, 100%%], watch: 1s, cadence: 1s }
                """
                        .formatted(port, port));
        files = EnvironmentFiles.of(dir, EnvironmentFiles.DEFAULT_DIR, "staging");
    }

    @AfterEach
    void stopTheEnvironment() throws Exception {
        if (files == null) return;
        LocalTarget local = (LocalTarget) PlanFile.load(dir.resolve("gantry.yaml"), true, PlugIns.registries())
                .environment("staging")
                .orElseThrow()
                .target();
        local.stop(dir, "staging");
        instances();
        proxy();
        assertThat(seen.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid))
                .as("processes left running")
                .isEmpty();
        for (int free : Stream.concat(Stream.of(port), seenPorts.stream()).toList()) {
            try (ServerSocket socket = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(free);
            }
        }
    }

    private List<InstanceRecord> instances() {
        try {
            List<InstanceRecord> records = InstanceGroup.recorded(files.instances());
            for (InstanceRecord r : records) {
                ProcessHandle.of(r.pid()).ifPresent(seen::add);
                seenPorts.add(r.port());
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<InstanceRecord> instances(String version) {
        return instances().stream().filter(r -> r.version().equals(version)).toList();
    }

    private RunningProxy proxy() {
        try {
            RunningProxy proxy = RunningProxy.read(files.proxyState()).orElse(null);
            if (proxy != null) proxy.process().ifPresent(seen::add);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many instances of {@code version} were ever started: each writes a log of its own. */
    private long started(String version) throws IOException {
        try (Stream<Path> logs = Files.list(files.logs())) {
            return logs.filter(l -> l.getFileName().toString().startsWith(version + "-"))
                    .count();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) throw new AssertionError("still waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private String answerThroughTheProxy() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void aCoordinatorKilledWhileTheCanaryStartsIsContinuedWithTheSameInstancesAndProxy() throws Exception {
        repository();
        Path log = dir.resolve("coordinator.log");
        Process coordinator = GantryProcess.startLogged(dir, log, "release", "staging", "--as", "Mark Liu");
        try {
            // Reading the pipe blocks until the first canary instance runs: no waiting on time. A coordinator that
            // ends first has failed, and says why.
            CompletableFuture<List<String>> started =
                    CompletableFuture.supplyAsync(() -> read(dir.resolve("started.fifo")));
            try {
                CompletableFuture.anyOf(started, coordinator.onExit()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError(
                        "the canary's first instance never started; the coordinator said:\n" + Files.readString(log));
            }
            assertThat(started.isDone())
                    .as(() -> "the coordinator ended before the canary started:\n" + read(log))
                    .isTrue();
            assertThat(started.get()).containsExactly("started");
            await(() -> instances("1.4.0").size() == 2, "both instances of 1.4.0 in the state file");
            RunningProxy proxy = proxy();
            assertThat(proxy).as("the proxy serves 1.3.0 while 1.4.0 starts").isNotNull();
            List<Long> canary =
                    instances("1.4.0").stream().map(InstanceRecord::pid).toList();
            List<Long> stable =
                    instances("1.3.0").stream().map(InstanceRecord::pid).toList();
            assertThat(answerThroughTheProxy()).contains("\"version\":\"1.3.0\"");

            coordinator.destroyForcibly();
            assertThat(coordinator.waitFor()).isNotZero();
            assertThat(proxy.process()).as("the proxy outlives the coordinator").isPresent();
            CompletableFuture.runAsync(() -> write(dir.resolve("go.fifo"))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            GantryProcess.Result resumed = GantryProcess.run(dir, "release", "staging", "--as", "Mark Liu", "--plain");
            assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
            assertThat(resumed.out())
                    .contains("1.4.0 at 0% on 2 instances on ports")
                    .contains("(2 found running)")
                    .contains("Released: every step watched without a breach");
            assertThat(proxy()).as("the same proxy process").isEqualTo(proxy);
            assertThat(started("1.4.0")).as("instances of 1.4.0 ever started").isEqualTo(2);
            assertThat(started("1.3.0")).as("instances of 1.3.0 ever started").isEqualTo(2);
            assertThat(instances()).extracting(InstanceRecord::pid).containsExactlyInAnyOrderElementsOf(canary);
            assertThat(stable)
                    .noneMatch(pid ->
                            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(answerThroughTheProxy()).contains("\"version\":\"1.4.0\"");
        } finally {
            coordinator.destroyForcibly();
        }
    }

    private static List<String> read(Path fifo) {
        try {
            return Files.readAllLines(fifo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path fifo) {
        try {
            Files.writeString(fifo, "go\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
