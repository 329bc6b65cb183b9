package dev.gantry.local.proxy;

import static dev.gantry.local.proxy.Backends.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.local.Track;
import dev.gantry.local.demo.DemoService;
import dev.gantry.local.testing.Await;
import dev.gantry.local.testing.DemoCommand;
import dev.gantry.local.testing.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy in a process of its own, found again through its state file as a resumed Gantry would. */
class ProxyProcessTest {

    private final Http http = new Http();

    @Test
    void aLaterProcessFindsTheProxyByItsStateFileAndSteersIt(@TempDir Path dir) throws Exception {
        Path stateFile = dir.resolve("proxy.json");
        try (Backends backends = new Backends()) {
            DemoService stable = backends.start("1.0.0");
            DemoService canary = backends.start("1.1.0");
            Process process = new ProcessBuilder(DemoCommand.java(
                            "dev.gantry.local.proxy.ProxyMain",
                            "--port",
                            "0",
                            "--admin-port",
                            "0",
                            "--stable",
                            "127.0.0.1:" + stable.port(),
                            "--stable-version",
                            "1.0.0",
                            "--canary",
                            "127.0.0.1:" + canary.port(),
                            "--canary-version",
                            "1.1.0",
                            "--weight",
                            "0",
                            "--sticky-header",
                            "X-User",
                            "--state-file",
                            stateFile.toString()))
                    .redirectErrorStream(true)
                    .start();
            try {
                String line = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertThat(line).matches("listening on \\d+ admin \\d+");

                RunningProxy found = RunningProxy.read(stateFile).orElseThrow();
                assertThat(found.pid()).isEqualTo(process.pid());
                assertThat(found.process()).isPresent();
                assertThat(line).isEqualTo("listening on " + found.port() + " admin " + found.adminPort());
                assertThat(http.get(found.port(), "/").version()).isEqualTo("1.0.0");

                found.admin().setWeight(100);
                assertThat(http.get(found.port(), "/").version()).isEqualTo("1.1.0");
                found.admin().setBackends(pool("1.0.0", stable), pool("1.2.0", canary));
                http.get(found.port(), "/");
                assertThat(found.admin()
                                .window()
                                .of(Track.CANARY, "1.2.0")
                                .orElseThrow()
                                .requests())
                        .isEqualTo(1);

                process.destroy();
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                Await.until(() -> !Files.exists(stateFile), "the state file removed on SIGTERM");
                assertThat(found.process()).isEmpty();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aRecordWhosePidNowBelongsToAnotherProcessIsNotTheProxy(@TempDir Path dir) throws Exception {
        RunningProxy self = RunningProxy.current(1, 2);
        RunningProxy reused = new RunningProxy(self.pid(), self.startedAt().minusSeconds(60), 1, 2);
        Path file = dir.resolve("proxy.json");
        reused.write(file);

        assertThat(RunningProxy.read(file)).hasValue(reused);
        assertThat(self.process()).isPresent();
        assertThat(reused.process()).isEmpty();
    }

    @Test
    void badArgumentsStopTheProcessWithAMessage() throws Exception {
        Process process = new ProcessBuilder(
                        DemoCommand.java("dev.gantry.local.proxy.ProxyMain", "--stable", "localhost", "--weight", "20"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("proxy: --stable: expected host:port, got \"localhost\"\n");
    }
}
