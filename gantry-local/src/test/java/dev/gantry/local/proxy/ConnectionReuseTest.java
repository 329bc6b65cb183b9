package dev.gantry.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.local.demo.DemoService;
import dev.gantry.local.metrics.ProxyMetrics;
import dev.gantry.local.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionReuseTest {

    private final Http http = new Http();

    private static WeightedProxy proxyTo(HostPort backend) {
        return WeightedProxy.start(
                ProxyConfig.defaults().withIoThreads(1),
                new Pool("1.0.0", List.of(backend)),
                Pool.empty("1.1.0"),
                0,
                new ProxyMetrics(Clock.systemUTC()));
    }

    @Test
    void aGetOnAPooledConnectionTheBackendDropsIsSentAgainOnAFreshOne() throws Exception {
        try (OneAnswerServer backend = new OneAnswerServer();
                WeightedProxy proxy = proxyTo(backend.address())) {
            assertThat(http.get(proxy.port(), "/").body()).isEqualTo("connection 1");

            Http.Answer second = http.get(proxy.port(), "/");

            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("connection 2");
        }
    }

    @Test
    void aPostIsNeverSentTwice() throws Exception {
        try (OneAnswerServer backend = new OneAnswerServer();
                WeightedProxy proxy = proxyTo(backend.address())) {
            assertThat(http.get(proxy.port(), "/").body()).isEqualTo("connection 1");
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/orders"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();

            HttpResponse<String> answer = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(post, HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("closed the connection before it answered");
            assertThat(backend.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Backends backends = new Backends()) {
            DemoService demo = backends.start("1.0.0");
            try (WeightedProxy proxy = proxyTo(Backends.address(demo));
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                OutputStream out = client.getOutputStream();
                String get = "GET %s HTTP/1.1\r\nHost: test\r\n\r\n";
                out.write((get.formatted("/health") + get.formatted("/") + get.formatted("/missing")
                                + "GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();

                String all = readAll(client.getInputStream());

                assertThat(all.split("HTTP/1.1 ", -1))
                        .extracting(part -> part.isEmpty() ? "" : part.substring(0, 3))
                        .containsExactly("", "200", "200", "404", "200");
                assertThat(all.indexOf("\"status\":\"ok\"")).isLessThan(all.indexOf("\"service\":\"demo\""));
            }
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
