package dev.gantry.local.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.local.proxy.ProxyState;
import dev.gantry.local.testing.Http;
import dev.gantry.local.testing.LocalEnvironmentFixture;
import dev.gantry.rollout.TargetCall;
import dev.gantry.rollout.TargetResult;
import dev.gantry.version.Version;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local target's actions one by one, on real demo processes behind the real proxy. */
class LocalTargetTest {

    @TempDir
    Path root;

    private final Http http = new Http();
    private LocalEnvironmentFixture env;
    private LocalTarget target;

    private void environment(int instances) throws Exception {
        env = new LocalEnvironmentFixture(root, "staging", Map.of());
        target = new LocalTarget(
                List.of(LocalEnvironmentFixture.run()),
                instances,
                env.port(),
                null,
                null,
                Duration.ofSeconds(60),
                null);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (target == null) return;
        target.stop(root, "staging");
        env.assertNothingLeft();
    }

    private TargetCall call(String stepId, String previous, int weight, int step) {
        return new TargetCall(
                stepId,
                root,
                "staging",
                Version.parse("1.4.0"),
                Optional.ofNullable(previous).map(Version::parse),
                weight,
                "",
                step,
                Map.of(),
                root.resolve(".gantry/state/processes"));
    }

    private static TargetResult ok(TargetResult result) {
        assertThat(result.ok()).as(result.message()).isTrue();
        return result;
    }

    /** The versions that answer {@code count} requests through the proxy, in order. */
    private List<String> versions(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> http.get(env.port(), "/").version())
                .toList();
    }

    @Test
    void aDeployRepeatedWithItsStepIdFindsTheInstancesAndTheProxyOfTheFirst() throws Exception {
        environment(2);
        TargetResult first = ok(target.deploy(call("run-1/deploy", "1.3.0", 0, 0)));
        assertThat(first.message())
                .startsWith("deploy staging: 1.3.0 stable on 2 instances on ports ")
                .contains("(2 started)")
                .contains("1.4.0 at 0% on 2 instances")
                .contains("proxy on port " + env.port());
        List<Long> stable = env.pids("1.3.0");
        List<Long> canary = env.pids("1.4.0");
        long proxy = env.proxy().orElseThrow().pid();

        // A Gantry that died before it recorded the end of the deploy asks again, from a new process's view.
        LocalTarget again = new LocalTarget(target.run(), 2, target.port(), null, null, Duration.ofSeconds(60), null);
        TargetResult second = ok(again.deploy(call("run-1/deploy", "1.3.0", 0, 0)));
        assertThat(second.message()).contains("(2 found running)").contains("found running)");
        assertThat(env.pids("1.3.0")).isEqualTo(stable);
        assertThat(env.pids("1.4.0")).isEqualTo(canary);
        assertThat(env.proxy().orElseThrow().pid()).isEqualTo(proxy);
        assertThat(env.started("1.4.0")).as("instances of 1.4.0 ever started").isEqualTo(2);
        assertThat(versions(10)).containsOnly("1.3.0");
    }

    @Test
    void aCanaryGetsItsWeightAndAPromoteLeavesOnlyTheNewVersion() throws Exception {
        environment(1);
        ok(target.deploy(call("run-1/deploy", "1.3.0", 0, 0)));
        List<Long> old = env.pids("1.3.0");
        ok(target.setWeight(call("run-1/set-weight-1", "1.3.0", 50, 1)));
        assertThat(env.routing().weight()).isEqualTo(50);
        assertThat(versions(100))
                .containsOnly("1.3.0", "1.4.0")
                .filteredOn("1.4.0"::equals)
                .hasSize(50);

        TargetResult promoted = ok(target.promote(call("run-1/promote", "1.3.0", 100, 0)));
        assertThat(promoted.message()).contains("1.4.0 has all the traffic").contains("stopped 1 instance of 1.3.0");
        ProxyState routing = env.routing();
        assertThat(routing.stable().version()).isEqualTo("1.4.0");
        assertThat(routing.canary().instances()).isEmpty();
        assertThat(versions(20)).containsOnly("1.4.0");
        assertThat(old)
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(env.instances()).extracting(r -> r.version()).containsExactly("1.4.0");
    }

    @Test
    void aFirstReleaseWithoutAPreviousVersionServesTheNewOneAloneAndItsRollbackStopsEverything() throws Exception {
        environment(1);
        TargetResult deployed = ok(target.deploy(call("run-1/deploy", null, 0, 0)));
        assertThat(deployed.message()).startsWith("deploy staging: 1.4.0 has all the traffic on 1 instance");
        assertThat(versions(5)).containsOnly("1.4.0");
        ok(target.setWeight(call("run-1/set-weight-1", null, 10, 1)));
        assertThat(env.routing().weight()).as("one version: no weight to set").isZero();

        TargetResult back = ok(target.rollback(call("run-1/rollback", null, 0, 0)));
        assertThat(back.message()).contains("nothing runs any more").contains("proxy stopped");
        assertThat(env.proxy()).isEmpty();
        assertThat(env.instances()).isEmpty();
    }

    @Test
    void aRollingReleaseReplacesABatchAndARollbackRestartsTheReplacedInstances() throws Exception {
        environment(2);
        ok(target.deploy(call("run-1/deploy-1", "1.3.0", 50, 1)));
        assertThat(env.instances()).extracting(r -> r.version()).containsExactlyInAnyOrder("1.3.0", "1.4.0");
        assertThat(env.routing().weight()).isEqualTo(50);

        ok(target.rollback(call("run-1/rollback", "1.3.0", 0, 0)));
        assertThat(env.instances()).extracting(r -> r.version()).containsExactly("1.3.0", "1.3.0");
        assertThat(env.routing().weight()).isZero();
        assertThat(versions(10)).containsOnly("1.3.0");
    }

    @Test
    void aPortThatIsTakenFailsTheDeployAndLeavesNothingRunning() throws Exception {
        environment(1);
        try (ServerSocket taken = new ServerSocket(env.port(), 1, InetAddress.getLoopbackAddress())) {
            TargetResult failed = target.deploy(call("run-1/deploy", "1.3.0", 0, 0));
            assertThat(failed.ok()).isFalse();
            assertThat(failed.message())
                    .startsWith("deploy staging: stopped the 1 instance nothing serves now: the proxy for port "
                            + env.port() + " exited with code 1 before it listened")
                    .contains("proxy: cannot listen for traffic on 127.0.0.1:" + env.port() + ": ");
            assertThat(env.instances()).isEmpty();
            assertThat(env.proxy()).isEmpty();
        }
    }

    @Test
    void theStatusSaysTheWeightAndEachVersionsInstances() throws Exception {
        environment(1);
        ok(target.deploy(call("run-1/deploy", "1.3.0", 0, 0)));
        ok(target.setWeight(call("run-1/set-weight-1", "1.3.0", 25, 1)));
        long canary = env.pids("1.4.0").get(0);
        ProcessHandle killed = ProcessHandle.of(canary).orElseThrow();
        killed.destroyForcibly();
        killed.onExit().get();

        String status = ok(target.status(call("run-1/status", "1.3.0", 25, 1))).message();
        assertThat(status)
                .contains("sends 25% to 1.4.0")
                .contains("the rest to 1.3.0")
                .contains("1.3.0: 1 instance running")
                .contains("1.4.0: 0 instances running, 1 ended (pid " + canary + " on port ");
    }
}
