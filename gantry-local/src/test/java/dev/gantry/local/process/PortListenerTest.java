package dev.gantry.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class PortListenerTest {

    @BeforeEach
    void procTellsWhoListens() {
        assertThat(Files.isReadable(Path.of("/proc/net/tcp"))).isTrue();
    }

    @Test
    void aPortIsTheProcesssThatListensOnItAndNobodyElses() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            assertThat(PortListener.of(port, ProcessHandle.current())).isEqualTo(PortListener.Owner.PROCESS);
            assertThat(PortListener.of(port, other.toHandle())).isEqualTo(PortListener.Owner.OTHER);
            socket.close();
            assertThat(PortListener.of(port, ProcessHandle.current())).isEqualTo(PortListener.Owner.NOBODY);
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aListenerStartedByTheProcessIsItsOwn() throws Exception {
        // The test's own process started the one that listens: a parent owns what its children listen on.
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(PortListener.of(socket.getLocalPort(), parent)).isEqualTo(PortListener.Owner.PROCESS);
        }
    }
}
