package dev.gantry.coordinate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A coordinator's id tells a process that is gone from one that runs, also with an instance in it. */
class CoordinatorTest {

    @Test
    void aCoordinatorOfAProcessThatEndedIsDeadHereAndOneOfThisProcessIsNot() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long started = Instant.now().toEpochMilli();
        String host = Coordinator.thisProcess()
                .id()
                .substring(Coordinator.thisProcess().id().lastIndexOf('@'));

        assertThat(Coordinator.deadHere("pid " + ended.pid() + " (started " + started + ")" + host))
                .isTrue();
        assertThat(Coordinator.deadHere("pid " + ended.pid() + " (started " + started + ") server-1a2b" + host))
                .as("with an instance")
                .isTrue();
        assertThat(Coordinator.deadHere(Coordinator.thisProcess("server-1a2b").id()))
                .isFalse();
        assertThat(Coordinator.deadHere(Coordinator.thisProcess().id())).isFalse();
        assertThat(Coordinator.thisProcess("server-1").id())
                .isNotEqualTo(Coordinator.thisProcess("server-2").id());
        assertThatThrownBy(() -> Coordinator.thisProcess("a b@c")).isInstanceOf(IllegalArgumentException.class);
    }
}
