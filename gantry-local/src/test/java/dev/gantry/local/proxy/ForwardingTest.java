package dev.gantry.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.local.metrics.ProxyMetrics;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What passes through the proxy unchanged, and what it changes on the way. */
class ForwardingTest {

    private HttpServer echo;
    private WeightedProxy proxy;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String seen = exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                    + "forwarded-for: " + exchange.getRequestHeaders().getFirst("X-Forwarded-For") + "\n"
                    + "x-custom: " + exchange.getRequestHeaders().getFirst("X-Custom") + "\n"
                    + "body: " + new String(body, StandardCharsets.UTF_8) + "\n";
            byte[] answer = seen.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("X-Backend", "echo");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(201, head ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!head) out.write(answer);
            }
        });
        echo.start();
        Pool stable = new Pool(
                "1.0.0", List.of(new HostPort("127.0.0.1", echo.getAddress().getPort())));
        proxy = WeightedProxy.start(
                ProxyConfig.defaults(), stable, Pool.empty("1.1.0"), 0, new ProxyMetrics(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.stop(0);
    }

    @Test
    void forwardsMethodPathQueryHeadersAndBodyAndAddsTheClientAddress() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/orders?id=7"))
                .header("X-Custom", "kept")
                .POST(HttpRequest.BodyPublishers.ofString("{\"qty\":2}"))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("echo");
        assertThat(response.body())
                .isEqualTo("POST /orders?id=7\nforwarded-for: 127.0.0.1\nx-custom: kept\nbody: {\"qty\":2}\n");
    }

    @Test
    void aHeadAnswerKeepsItsLengthAndHasNoBody() throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();

        HttpResponse<String> response = client.send(head, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEmpty();
        // The connection is still in step: a request after the HEAD is answered in full.
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/after"))
                .build();
        assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).body())
                .startsWith("GET /after\n");
    }
}
