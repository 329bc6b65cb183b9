package dev.gantry.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.local.testing.Await;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SteadyTrafficTest {

    @Test
    void itCountsWhatTheServiceAnswers() throws Exception {
        try (DemoService service = DemoService.start(new DemoOptions(0, "1.2.0", 0.08, 0, 0))) {
            SteadyTraffic.Counts counts;
            try (SteadyTraffic traffic =
                    SteadyTraffic.start(URI.create("http://127.0.0.1:" + service.port() + "/"), 400)) {
                Await.until(() -> traffic.counts().ok() + traffic.counts().serverErrors() >= 300, "300 answers");
                counts = traffic.counts();
            }
            long answered = counts.ok() + counts.serverErrors();
            assertThat(counts.failed()).isZero();
            assertThat(counts.sent()).isBetween(answered, answered + 4);
            // The service fails exactly 8 of every 100; the four senders may have a request each still under way.
            assertThat(counts.serverErrors()).isBetween(answered * 8 / 100 - 2, answered * 8 / 100 + 2);
        }
    }

    @Test
    void aServiceThatIsNotThereIsCountedAsFailed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (SteadyTraffic traffic = SteadyTraffic.start(URI.create("http://127.0.0.1:" + port + "/"), 200)) {
            Await.until(() -> traffic.counts().failed() >= 5, "5 refused requests");
            assertThat(traffic.counts().ok()).isZero();
        }
    }

    @Test
    void aRateBelowOneRequestPerThreadIsRefused() {
        assertThatThrownBy(() -> SteadyTraffic.start(URI.create("http://127.0.0.1:1/"), 2))
                .hasMessage("the rate is at least 4 requests a second");
    }
}
