package dev.gantry.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.local.testing.DemoCommand;
import dev.gantry.local.testing.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoServiceTest {

    private final Http http = new Http();

    @Test
    void failRateFailsExactlyThatShareOfRequests() throws Exception {
        try (DemoService service = DemoService.start(new DemoOptions(0, "1.1.0", 0.08, 0, 0))) {
            int failed = 0;
            for (int i = 0; i < 200; i++) {
                Http.Answer answer = http.get(service.port(), "/");
                assertThat(answer.version()).isEqualTo("1.1.0");
                if (answer.status() == 500) failed++;
                else assertThat(answer.status()).isEqualTo(200);
            }
            assertThat(failed).isEqualTo(16);
            assertThat(service.received()).isEqualTo(200);
        }
    }

    @Test
    void healthNamesTheVersion() throws Exception {
        try (DemoService service = DemoService.start(new DemoOptions(0, "2.0.0-rc.1", 1, 0, 0))) {
            Http.Answer health = http.get(service.port(), "/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"version\":\"2.0.0-rc.1\"");
            assertThat(http.get(service.port(), "/nothing-here").status()).isEqualTo(404);
        }
    }

    @Test
    void shareIsExactOverAnyPrefix() {
        Share share = new Share(0.1);
        int picked = 0;
        for (int i = 1; i <= 1000; i++) {
            if (share.next()) picked++;
            assertThat(picked).isEqualTo(i / 10);
        }
    }

    @Test
    void argumentsWinOverEnvironment() {
        DemoOptions options = DemoOptions.parse(
                List.of("--port", "8081", "--fail-rate", "0.5"),
                Map.of("GANTRY_DEMO_VERSION", "1.2.3", "GANTRY_DEMO_FAIL_RATE", "0.1", "GANTRY_DEMO_SLOW_MS", "200"));
        assertThat(options).isEqualTo(new DemoOptions(8081, "1.2.3", 0.5, 200, 1));
    }

    @Test
    void badArgumentsSayWhichAndWhy() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--port", "x", "--version", "1"), Map.of()))
                .hasMessage("--port: expected a whole number, got \"x\"");
        assertThatThrownBy(
                        () -> DemoOptions.parse(List.of("--port", "1", "--version", "1", "--fail-rate", "8"), Map.of()))
                .hasMessage("--fail-rate: expected a share between 0 and 1, got 8.0");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--prot", "1"), Map.of()))
                .hasMessageStartingWith("unknown argument \"--prot\"");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--port", "1"), Map.of()))
                .hasMessage("--version: missing");
    }

    @Test
    void runsAsAProcessThatSaysWhereItListensAndStopsOnSigterm() throws Exception {
        Process process = new ProcessBuilder(DemoCommand.demo("--port", "0", "--version", "3.0.0"))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).matches("listening on \\d+");
            int port = Integer.parseInt(line.substring("listening on ".length()));
            assertThat(http.get(port, "/").version()).isEqualTo("3.0.0");
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            // 143 is 128 + SIGTERM: the JVM ran its shutdown hooks and ended as asked.
            assertThat(process.exitValue()).isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }
}
