package dev.gantry.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.local.testing.DemoCommand;
import dev.gantry.local.testing.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceGroupTest {

    private static final InstanceSpec DEMO = InstanceSpec.of(
            DemoCommand.demo("--port", "{port}", "--version", "{version}"), "/health", Duration.ofSeconds(20));

    @TempDir
    Path dir;

    private final Http http = new Http();
    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void noProcessIsLeft() {
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("process " + pid)
                    .isEmpty();
        }
    }

    private InstanceGroup open() throws Exception {
        return InstanceGroup.open(dir.resolve("instances.json"), dir.resolve("logs"), Duration.ofSeconds(5));
    }

    private List<Instance> track(List<Instance> started) {
        started.forEach(i -> pids.add(i.pid()));
        return started;
    }

    @Test
    void startsInstancesOnFreePortsAndNoticesOneThatIsKilled() throws Exception {
        try (InstanceGroup group = open()) {
            List<Instance> started = track(group.start("1.1.0", 2, DEMO));

            assertThat(started).extracting(Instance::port).doesNotHaveDuplicates();
            for (Instance instance : started) {
                assertThat(http.get(instance.port(), "/").version()).isEqualTo("1.1.0");
                assertThat(Files.readString(instance.record().log())).contains("listening on " + instance.port());
            }
            assertThat(group.exited()).isEmpty();

            ProcessHandle.of(started.get(0).pid()).orElseThrow().destroyForcibly();
            started.get(0).onExit().get(20, TimeUnit.SECONDS);

            assertThat(group.exited()).containsExactly(started.get(0));
            assertThat(started.get(0).exitCode()).hasValue(137);
            assertThat(started.get(1).isAlive()).isTrue();
        }
    }

    @Test
    void anInstanceThatExitsAtOnceNamesItselfItsPortAndItsLastLogLines() throws Exception {
        InstanceSpec failing = InstanceSpec.of(
                List.of("sh", "-c", "echo starting {version}; echo cannot bind port {port} >&2; exit 3"),
                "/health",
                Duration.ofSeconds(20));
        try (InstanceGroup group = open()) {
            assertThatThrownBy(() -> group.start("1.1.0", 1, failing))
                    .isInstanceOf(InstanceFailure.class)
                    .hasMessageMatching("(?s)instance 1 of 1\\.1\\.0 on port (\\d+) \\(pid \\d+\\) exited with code 3 "
                            + "before http://127\\.0\\.0\\.1:\\1/health answered 200; last lines of .*1\\.1\\.0-1-\\1\\.log:\n"
                            + "  starting 1\\.1\\.0\n  cannot bind port \\1");
            assertThat(group.instances()).isEmpty();
        }
        assertThat(Files.readString(dir.resolve("instances.json"))).contains("\"instances\" : [ ]");
    }

    @Test
    void anInstanceThatNeverAnswersIsStoppedAtTheTimeout() throws Exception {
        InstanceSpec silent = InstanceSpec.of(
                List.of("sh", "-c", "echo up but not serving; exec sleep 60"), "/health", Duration.ofMillis(300));
        try (InstanceGroup group = open()) {
            assertThatThrownBy(() -> group.start("2.0.0", 1, silent))
                    .isInstanceOf(InstanceFailure.class)
                    .hasMessageMatching(
                            "(?s)instance 1 of 2\\.0\\.0 on port (\\d+) \\(pid (\\d+)\\) did not answer 200 on "
                                    + "http://127\\.0\\.0\\.1:\\1/health within 300 ms \\(last: nothing listens on port \\1 yet\\); "
                                    + "last lines of .*:\n  up but not serving")
                    .satisfies(e ->
                            pids.add(Long.parseLong(e.getMessage().replaceAll("(?s).*?\\(pid (\\d+)\\).*", "$1"))));
            assertThat(group.instances()).isEmpty();
        }
    }

    @Test
    void aLaterGroupFindsTheSurvivorsInTheStateFileAndStopsThem() throws Exception {
        InstanceGroup crashed = open();
        List<Instance> started = track(crashed.start("1.0.0", 2, DEMO));
        ProcessHandle.of(started.get(1).pid()).orElseThrow().destroyForcibly();
        started.get(1).onExit().get(20, TimeUnit.SECONDS);

        // The first group is never closed, as when Gantry is killed; a new one reads what it left.
        try (InstanceGroup resumed = open()) {
            assertThat(resumed.instances())
                    .extracting(Instance::pid)
                    .containsExactly(started.get(0).pid());
            assertThat(resumed.instances().get(0).port())
                    .isEqualTo(started.get(0).port());
            assertThat(Files.readString(dir.resolve("instances.json")))
                    .contains("\"pid\" : " + started.get(0).pid())
                    .doesNotContain("\"pid\" : " + started.get(1).pid());

            resumed.stopAll();

            assertThat(started.get(0).isAlive()).isFalse();
            assertThat(resumed.instances()).isEmpty();
        }
    }

    @Test
    void aRecordWhosePidWasReusedIsNotAdopted() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        InstanceRecord reused = new InstanceRecord(
                "1.0.0",
                8081,
                self.pid(),
                Optional.of(self.info().startInstant().orElseThrow().minusSeconds(3600)),
                dir.resolve("old.log"));
        new InstanceStateFile(dir.resolve("instances.json")).write(List.of(reused));

        try (InstanceGroup group = open()) {
            assertThat(group.instances()).isEmpty();
        }
        assertThat(self.isAlive()).isTrue();
    }

    @Test
    void aGroupThatStopsOnExitStopsItsInstancesWhenItsProcessIsTerminated() throws Exception {
        Process holder = new ProcessBuilder(DemoCommand.java(GroupHolder.class.getName(), dir.toString()))
                .redirectError(dir.resolve("holder.err").toFile())
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line)
                    .as("holder output; stderr: " + dir.resolve("holder.err"))
                    .matches("\\d+");
            long instancePid = Long.parseLong(line);
            pids.add(instancePid);
            ProcessHandle instance = ProcessHandle.of(instancePid).orElseThrow();

            holder.destroy();

            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            instance.onExit().get(20, TimeUnit.SECONDS);
            assertThat(Files.readString(dir.resolve("instances.json"))).contains("\"instances\" : [ ]");
        } finally {
            holder.destroyForcibly();
        }
    }
}
